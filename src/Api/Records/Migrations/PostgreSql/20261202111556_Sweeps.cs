using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResNetService.Api.Records.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Sweeps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "EpochLimit",
                schema: "records",
                table: "runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SweepId",
                schema: "records",
                table: "runs",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SweepParameters",
                schema: "records",
                table: "runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SweepRung",
                schema: "records",
                table: "runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SweepTrial",
                schema: "records",
                table: "runs",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "sweeps",
                schema: "records",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    DatasetId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Spec = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EndReason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sweeps", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_runs_SweepId_SweepTrial",
                schema: "records",
                table: "runs",
                columns: new[] { "SweepId", "SweepTrial" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sweeps_State_CreatedAt",
                schema: "records",
                table: "sweeps",
                columns: new[] { "State", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sweeps",
                schema: "records");

            migrationBuilder.DropIndex(
                name: "IX_runs_SweepId_SweepTrial",
                schema: "records",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "EpochLimit",
                schema: "records",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "SweepId",
                schema: "records",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "SweepParameters",
                schema: "records",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "SweepRung",
                schema: "records",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "SweepTrial",
                schema: "records",
                table: "runs");
        }
    }
}
