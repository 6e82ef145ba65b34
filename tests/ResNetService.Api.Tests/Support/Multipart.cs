using System.Net.Http.Headers;

namespace ResNetService.Api.Tests.Support;

public static class Multipart
{
    public static MultipartFormDataContent Files(string partName, params (string FileName, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (fileName, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, partName, fileName);
        }
        return form;
    }

    public static MultipartFormDataContent Archive(byte[] archive, string fileName = "dataset.zip", string? name = null)
    {
        var form = Files("file", (fileName, archive));
        if (name is not null)
            form.Add(new StringContent(name), "name");
        return form;
    }
}
