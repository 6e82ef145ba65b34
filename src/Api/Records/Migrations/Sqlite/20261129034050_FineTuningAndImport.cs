using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResNetService.Api.Records.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FineTuningAndImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ClassifierReinitialised",
                table: "runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceModelId",
                table: "runs",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ClassifierReinitialised",
                table: "models",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportedFrom",
                table: "models",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceModelId",
                table: "models",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrainClassCounts",
                table: "models",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClassifierReinitialised",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "SourceModelId",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "ClassifierReinitialised",
                table: "models");

            migrationBuilder.DropColumn(
                name: "ImportedFrom",
                table: "models");

            migrationBuilder.DropColumn(
                name: "SourceModelId",
                table: "models");

            migrationBuilder.DropColumn(
                name: "TrainClassCounts",
                table: "models");
        }
    }
}
