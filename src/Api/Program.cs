using ResNetService.Api.Cli;
using ResNetService.Api.Hosting;

if (CommandLine.IsVerb(args))
    return CommandLine.Run(args, Console.Out, Console.Error);

ServiceApplication.Build(args).Run();
return 0;
