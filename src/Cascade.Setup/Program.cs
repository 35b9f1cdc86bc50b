using Cascade.Setup;

return SetupCommand.Run(args, Directory.GetCurrentDirectory(), Console.Out, Console.Error);
