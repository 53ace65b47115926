using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace MeetingsApp;

public static class AppConfiguration
{
    /// <summary>
    /// Reads appsettings.json from the build output, where the build copies the repository's top-level file,
    /// instead of from the content root. Its place among the sources stays the same, so
    /// appsettings.{Environment}.json, environment variables and the command line still override it.
    /// </summary>
    public static void UseRepositorySettings(this ConfigurationManager configuration)
    {
        var sources = configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        var repositorySettings = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = false,
            ReloadOnChange = true,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        if (index >= 0) sources[index] = repositorySettings;
        else sources.Insert(0, repositorySettings);
    }
}
