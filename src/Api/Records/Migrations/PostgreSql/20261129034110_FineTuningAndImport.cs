using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResNetService.Api.Records.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class FineTuningAndImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ClassifierReinitialised",
                schema: "records",
                table: "runs",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceModelId",
                schema: "records",
                table: "runs",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ClassifierReinitialised",
                schema: "records",
                table: "models",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportedFrom",
                schema: "records",
                table: "models",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceModelId",
                schema: "records",
                table: "models",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrainClassCounts",
                schema: "records",
                table: "models",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClassifierReinitialised",
                schema: "records",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "SourceModelId",
                schema: "records",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "ClassifierReinitialised",
                schema: "records",
                table: "models");

            migrationBuilder.DropColumn(
                name: "ImportedFrom",
                schema: "records",
                table: "models");

            migrationBuilder.DropColumn(
                name: "SourceModelId",
                schema: "records",
                table: "models");

            migrationBuilder.DropColumn(
                name: "TrainClassCounts",
                schema: "records",
                table: "models");
        }
    }
}
