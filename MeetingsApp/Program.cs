using MeetingsApp;
using MeetingsApp.Verbs;

switch (args)
{
    case ["bench", ..]: return await BenchVerb.RunAsync(args[1..]);
    case [BenchListeners.Verb, ..]: return await BenchListeners.RunAsync(args[1..]);
    case ["rebuild-projections", ..]: return await RebuildVerb.RunAsync(args[1..]);
    case ["stress", ..]: return await StressVerb.RunAsync(args[1..]);
    case ["export-events", ..]: return await EventLogVerbs.ExportAsync(args[1..]);
    case ["import-events", ..]: return await EventLogVerbs.ImportAsync(args[1..]);
    case ["export-accounts", ..]: return await AccountVerbs.ExportAsync(args[1..]);
    case ["import-accounts", ..]: return await AccountVerbs.ImportAsync(args[1..]);
    case ["admins", ..]: return await AdminsVerb.RunAsync(args[1..]);
}

var app = AppHost.Build(args);
await app.PrepareAsync();
await app.RunAsync();
return 0;
