using ResNetService.Api.Cli;

if (CommandLine.IsVerb(args))
    return CommandLine.Run(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health/live");
app.Run();
return 0;
