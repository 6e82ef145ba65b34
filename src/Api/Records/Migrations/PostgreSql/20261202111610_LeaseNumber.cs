using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResNetService.Api.Records.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class LeaseNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LeaseNumber",
                schema: "records",
                table: "runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LeaseNumber",
                schema: "records",
                table: "runs");
        }
    }
}
