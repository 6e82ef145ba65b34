namespace ResNetService.Model.Preprocessing;

/// <summary>The content is not an image this service decodes, or it is damaged.</summary>
public sealed class ImageDecodingException(string message, Exception innerException) : Exception(message, innerException);
