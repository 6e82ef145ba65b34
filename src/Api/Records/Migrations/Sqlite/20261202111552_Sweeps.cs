using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResNetService.Api.Records.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Sweeps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "EpochLimit",
                table: "runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SweepId",
                table: "runs",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SweepParameters",
                table: "runs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SweepRung",
                table: "runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SweepTrial",
                table: "runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "sweeps",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    DatasetId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Spec = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sweeps", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_runs_SweepId_SweepTrial",
                table: "runs",
                columns: new[] { "SweepId", "SweepTrial" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sweeps_State_CreatedAt",
                table: "sweeps",
                columns: new[] { "State", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sweeps");

            migrationBuilder.DropIndex(
                name: "IX_runs_SweepId_SweepTrial",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "EpochLimit",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "SweepId",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "SweepParameters",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "SweepRung",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "SweepTrial",
                table: "runs");
        }
    }
}
