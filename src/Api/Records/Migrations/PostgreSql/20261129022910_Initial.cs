using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResNetService.Api.Records.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "records");

            migrationBuilder.CreateTable(
                name: "datasets",
                schema: "records",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Manifest = table.Column<string>(type: "text", nullable: false),
                    ImportedFrom = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_datasets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "models",
                schema: "records",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    SourceRunId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    DatasetId = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    BestEpoch = table.Column<int>(type: "integer", nullable: false),
                    BestValidationAccuracy = table.Column<double>(type: "double precision", nullable: false),
                    History = table.Column<string>(type: "text", nullable: false),
                    Test = table.Column<string>(type: "text", nullable: true),
                    CheckpointPath = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_models", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "runs",
                schema: "records",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    DatasetId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Model = table.Column<string>(type: "text", nullable: false),
                    Training = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Progress = table.Column<string>(type: "text", nullable: true),
                    ModelId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CancelRequested = table.Column<bool>(type: "boolean", nullable: false),
                    HangfireJobId = table.Column<string>(type: "text", nullable: true),
                    LeaseOwner = table.Column<string>(type: "text", nullable: true),
                    LeaseExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "settings",
                schema: "records",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "run_epochs",
                schema: "records",
                columns: table => new
                {
                    RunId = table.Column<string>(type: "character varying(32)", nullable: false),
                    Epoch = table.Column<int>(type: "integer", nullable: false),
                    TrainLoss = table.Column<double>(type: "double precision", nullable: false),
                    TrainAccuracy = table.Column<double>(type: "double precision", nullable: false),
                    ValidationLoss = table.Column<double>(type: "double precision", nullable: false),
                    ValidationAccuracy = table.Column<double>(type: "double precision", nullable: false),
                    ValidationTop5 = table.Column<double>(type: "double precision", nullable: true),
                    LearningRate = table.Column<double>(type: "double precision", nullable: false),
                    DurationSeconds = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_epochs", x => new { x.RunId, x.Epoch });
                    table.ForeignKey(
                        name: "FK_run_epochs_runs_RunId",
                        column: x => x.RunId,
                        principalSchema: "records",
                        principalTable: "runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_datasets_CreatedAt",
                schema: "records",
                table: "datasets",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_models_CreatedAt",
                schema: "records",
                table: "models",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_models_SourceRunId",
                schema: "records",
                table: "models",
                column: "SourceRunId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_runs_DatasetId",
                schema: "records",
                table: "runs",
                column: "DatasetId");

            migrationBuilder.CreateIndex(
                name: "IX_runs_State_CreatedAt",
                schema: "records",
                table: "runs",
                columns: new[] { "State", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "datasets",
                schema: "records");

            migrationBuilder.DropTable(
                name: "models",
                schema: "records");

            migrationBuilder.DropTable(
                name: "run_epochs",
                schema: "records");

            migrationBuilder.DropTable(
                name: "settings",
                schema: "records");

            migrationBuilder.DropTable(
                name: "runs",
                schema: "records");
        }
    }
}
