using System.CommandLine;
using ResNetService.Api.Security;

namespace ResNetService.Api.Cli;

/// <summary><c>keys</c>: API keys for an operator with a shell on the server, as <c>POST/GET/DELETE /keys</c> do over HTTP.</summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "API keys with scopes (read, train, classify, admin), kept in the records database.")
    {
        Create(new RecordsLocation()),
        List(new RecordsLocation()),
        Revoke(new RecordsLocation()),
    };

    private static Command Create(RecordsLocation records)
    {
        var name = new Option<string>("--name") { HelpName = "text", Required = true, Description = "Who or what uses the key, such as ci; shown in listings and the audit log." };
        var scopes = new Option<string>("--scopes") { HelpName = "scope,scope", Required = true, Description = "Any of read, train, classify, admin (admin includes the others)." };
        var command = new Command("create", "Make a key and print its secret, which is shown this once (only its hash is kept). The service takes it at once.")
        {
            name, scopes,
        };
        records.AddTo(command);
        command.SetAction(result =>
        {
            var errors = KeysApi.Validate(result.GetRequiredValue(name), result.GetRequiredValue(scopes).Split(','), out var parsed);
            if (errors.Count > 0)
                throw new CliUsageException(string.Join(" ", errors.Select(e => $"--{e.Key}: {string.Join(" ", e.Value)}")));
            var (key, secret) = new ApiKeyStore(records.Open(result)).Create(result.GetRequiredValue(name).Trim(), parsed!);
            var output = result.InvocationConfiguration.Output;
            output.WriteLine($"id={key.Id}");
            output.WriteLine($"scopes={string.Join(",", key.Scopes)}");
            output.WriteLine($"secret={secret}");
            return 0;
        });
        return command;
    }

    private static Command List(RecordsLocation records)
    {
        var command = new Command("list", "The keys made at run time: id, name, scopes, prefix, when made and last used (never the secrets).");
        records.AddTo(command);
        command.SetAction(result =>
        {
            var table = new TextTable(new("id"), new("name", Wraps: true), new("scopes"), new("prefix"), new("created"), new("last used"));
            foreach (var key in new ApiKeyStore(records.Open(result)).List())
                table.Add([key.Id, key.Name, string.Join(",", key.Scopes), key.Prefix, $"{key.CreatedAt:u}", key.LastUsedAt is { } used ? $"{used:u}" : "never"]);
            table.Write(result.InvocationConfiguration.Output, TerminalWidth.Of(result.InvocationConfiguration.Output));
            return 0;
        });
        return command;
    }

    private static Command Revoke(RecordsLocation records)
    {
        var id = new Argument<string>("id") { Description = "The key's id, as 'keys list' shows it." };
        var command = new Command("revoke", "Revoke a key; the service refuses it from the next request on.") { id };
        records.AddTo(command);
        command.SetAction(result =>
        {
            if (new ApiKeyStore(records.Open(result)).Revoke(result.GetRequiredValue(id)))
                return 0;
            result.InvocationConfiguration.Error.WriteLine($"There is no key with id '{result.GetRequiredValue(id)}'.");
            return 1;
        });
        return command;
    }
}
