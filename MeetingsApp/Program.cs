using MeetingsApp;
using MeetingsApp.Verbs;

switch (args)
{
    case ["bench", ..]: return await BenchVerb.RunAsync(args[1..]);
    case ["rebuild-projections", ..]: return await RebuildVerb.RunAsync(args[1..]);
}

var app = AppHost.Build(args);
await app.PrepareAsync();
await app.RunAsync();
return 0;
