using System.CommandLine;
using ResNetService.Api.Hosting.Configuration;
using ResNetService.Api.Security;

namespace ResNetService.Api.Cli;

/// <summary>
/// <c>serve</c>, which is also what runs without a verb: the web service. The arguments reach the ASP.NET Core host
/// unchanged, so any configuration key given as <c>--Key=value</c> (<c>--Storage:DataRoot=/data</c>) still applies;
/// the options declared here are the ones the help shows and checks.
/// </summary>
internal static class ServeCommand
{
    public const string Name = "serve";

    private const string Description = "Run the web service (what runs without a verb). Any configuration key can be given as --Key=value, "
        + "such as --Storage:DataRoot=/data or --ConnectionStrings:Hangfire=\"Host=...\"; environment variables use __ for ':'.";

    public static Command Create(Func<string[], int> serve, string[] args)
    {
        var command = new Command(Name, Description);
        Configure(command, serve, args is [Name, .. var rest] ? rest : args);
        return command;
    }

    /// <summary>Gives a command serve's options and action; the root command has them too.</summary>
    public static void Configure(Command command, Func<string[], int> serve, string[] hostArgs)
    {
        var role = new Option<string>("--role")
        {
            HelpName = "all|api|worker",
            Description = "What this process runs: all (API and worker), api (no worker) or worker (the Hangfire server and health only). Unset: the Role setting, else all.",
        };
        role.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!ServiceRoles.TryParse(value, out _))
                result.AddError($"--role takes all, api or worker, not '{value}'.");
        });
        command.Add(role);
        command.Add(new Option<string>("--urls")
        {
            HelpName = "url;url",
            Description = $"Addresses to listen on, such as http://*:8080. Unset: the Urls or ASPNETCORE_HTTP_PORTS setting, else port {Listening.DefaultPort} (on loopback only while no API key is configured).",
        });
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(_ => serve(hostArgs));
    }
}
