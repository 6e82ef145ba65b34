using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace ResNetService.Api.WebConsole;

/// <summary>
/// The browser console at <c>/</c>: plain pages and scripts embedded in the assembly (so the one executable serves them
/// from any working directory, offline), talking to the same API as every other client.
/// </summary>
public static class WebConsoleSetup
{
    // The pages load nothing from elsewhere; thumbnails and classified images are data: and blob: URLs.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static IApplicationBuilder UseWebConsole(this IApplicationBuilder app)
    {
        var files = new EmbeddedFileProvider(typeof(WebConsoleSetup).Assembly, typeof(WebConsoleSetup).Namespace + ".assets");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                // Revalidated on every load, so a new version of the service is never mixed with cached scripts of an old one.
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
            },
        });
    }
}
