using System.CommandLine;
using ResNetService.Api.Records;

namespace ResNetService.Api.Cli;

/// <summary><c>records</c>: the records database; <c>records copy</c> moves the embedded SQLite records into PostgreSQL.</summary>
internal static class RecordsCommand
{
    public static Command Create() => new("records", "The records database (datasets, jobs, models, settings).")
    {
        Copy(),
    };

    private static Command Copy()
    {
        var dataRoot = CliOption.Of("--data-root", "dir", "./data", $"The service's data root, whose {RecordsOptions.SqliteFileName} is copied.");
        var to = new Option<string>("--to")
        {
            HelpName = "connection-string", Required = true,
            Description = "The PostgreSQL to copy into (records go to its schema 'records'); it must hold no records yet.",
        };
        var command = new Command("copy", "Copy every record from the embedded SQLite database into PostgreSQL, in one transaction. "
            + "Stop the service first; afterwards set ConnectionStrings:Database to the same connection string.")
        {
            dataRoot, to,
        };
        command.SetAction(result =>
        {
            var file = Path.Combine(Path.GetFullPath(result.GetRequiredValue(dataRoot)), RecordsOptions.SqliteFileName);
            if (!File.Exists(file))
                throw new CliUsageException($"There is no {file}: --data-root must be the data root of a service that ran with embedded records.");
            var target = RecordsDatabase.PostgreSql(result.GetRequiredValue(to));
            try
            {
                var counts = RecordsCopy.Copy(RecordsDatabase.Sqlite(file), target);
                var output = result.InvocationConfiguration.Output;
                foreach (var (table, count) in counts)
                    output.WriteLine($"{table}={count}");
                output.WriteLine($"Copied into {target.Description}.");
                return 0;
            }
            catch (InvalidOperationException e)
            {
                result.InvocationConfiguration.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }
}
