using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// A minimal OTLP/HTTP (protobuf) endpoint on loopback that the app's services export to in the tests: it keeps every
/// span's service, name and string attributes (decoded from the wire format: ExportTraceServiceRequest → ResourceSpans
/// → ScopeSpans → Span), and answers metrics and logs exports with 200 without reading them.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    public sealed record Span(string Service, string Name, IReadOnlyDictionary<string, string> Attributes);

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Span> _spans = new();
    private readonly Task _loop;

    public OtlpTraceReceiver()
    {
        var port = Loopback.FreeTcpPort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        _listener.Prefixes.Add($"{Endpoint.AbsoluteUri}");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>What <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set to (with <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>).</summary>
    public Uri Endpoint { get; }

    public IReadOnlyList<Span> Spans => _spans.ToArray();

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            try
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                if (context.Request.Url?.AbsolutePath == "/v1/traces")
                {
                    foreach (var span in Decode(body.ToArray()))
                    {
                        _spans.Enqueue(span);
                    }
                }
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
            }
            catch (Exception)
            {
                context.Response.StatusCode = 400;
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private static IEnumerable<Span> Decode(byte[] request)
    {
        foreach (var resourceSpans in Fields(request).Where(f => f.Number == 1).Select(f => f.Bytes!))
        {
            var service = "";
            var resource = Fields(resourceSpans).FirstOrDefault(f => f.Number == 1).Bytes;
            if (resource is not null && Attributes(resource, 1).TryGetValue("service.name", out var name))
            {
                service = name;
            }
            foreach (var scopeSpans in Fields(resourceSpans).Where(f => f.Number == 2).Select(f => f.Bytes!))
            {
                foreach (var span in Fields(scopeSpans).Where(f => f.Number == 2).Select(f => f.Bytes!))
                {
                    var spanName = Fields(span).Where(f => f.Number == 5).Select(f => Encoding.UTF8.GetString(f.Bytes!)).FirstOrDefault() ?? "";
                    yield return new Span(service, spanName, Attributes(span, 9));
                }
            }
        }
    }

    /// <summary>The string-valued KeyValue attributes in field <paramref name="field"/> (KeyValue: key = 1, value = 2; AnyValue: string_value = 1).</summary>
    private static Dictionary<string, string> Attributes(byte[] message, int field)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var keyValue in Fields(message).Where(f => f.Number == field).Select(f => f.Bytes!))
        {
            var fields = Fields(keyValue).ToList();
            var key = fields.Where(f => f.Number == 1).Select(f => Encoding.UTF8.GetString(f.Bytes!)).FirstOrDefault();
            var value = fields.Where(f => f.Number == 2).Select(f => f.Bytes!).FirstOrDefault();
            var text = value is null ? null : Fields(value).Where(f => f.Number == 1 && f.Bytes is not null)
                .Select(f => Encoding.UTF8.GetString(f.Bytes!)).FirstOrDefault();
            if (key is not null && text is not null)
            {
                attributes[key] = text;
            }
        }
        return attributes;
    }

    private readonly record struct Field(int Number, byte[]? Bytes);

    /// <summary>The top-level fields of one protobuf message; only length-delimited ones keep their bytes.</summary>
    private static IEnumerable<Field> Fields(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var number = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    ReadVarint(message, ref position);
                    yield return new Field(number, null);
                    break;
                case 1:
                    position += 8;
                    yield return new Field(number, null);
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    yield return new Field(number, message[position..(position + length)]);
                    position += length;
                    break;
                case 5:
                    position += 4;
                    yield return new Field(number, null);
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type in tag {tag}.");
            }
        }
    }

    private static ulong ReadVarint(byte[] buffer, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = buffer[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw new InvalidDataException("Malformed varint.");
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }
}
