using System.Net.Http.Headers;

namespace ResNetService.Api.Tests.Support;

/// <summary>Multipart bodies of POST /models/import.</summary>
public static class ImportForms
{
    /// <summary>The architecture TestModels publishes: one basic unit, filters 4,4.</summary>
    public static string TinyArchitecture(int channels = 3, int side = 8) =>
        $$"""{"units":[1],"filters":[4,4],"inputChannels":{{channels}},"inputSize":{{side}}}""";

    public static MultipartFormDataContent Form(byte[] weights, string fileName, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(weights);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields)
            form.Add(new StringContent(value), name);
        return form;
    }
}
