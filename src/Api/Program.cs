using ResNetService.Api.Cli;
using ResNetService.Api.Hosting;

return CommandLine.Run(args, Console.Out, Console.Error, hostArgs =>
{
    ServiceApplication.Build(hostArgs).Run();
    return 0;
});
