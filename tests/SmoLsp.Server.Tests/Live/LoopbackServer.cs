using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmoLsp.Server.Site.Web;

namespace SmoLsp.Server.Tests.Live;

/// <summary>
/// A real Kestrel web server on 127.0.0.1 and a free port, for live-check tests: the routes a test maps, over HTTP/1.1
/// (or HTTPS with HTTP/2 and a self-signed certificate). Stopped on dispose.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, string origin, X509Certificate2? certificate)
    {
        _app = app;
        Origin = origin;
        Certificate = certificate;
    }

    /// <summary>http://127.0.0.1:PORT (no trailing slash).</summary>
    public string Origin { get; }

    public X509Certificate2? Certificate { get; }

    public string Url(string path) => Origin + path;

    /// <summary>Requests served, by path and query, in order (thread-safe snapshot).</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    private readonly List<string> _requests = [];

    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> map, bool https = false, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        services?.Invoke(builder.Services);
        var certificate = https ? SelfSigned() : null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null)
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Use(async (context, next) =>
        {
            lock (server!._requests)
            {
                server._requests.Add(context.Request.Path + context.Request.QueryString + (context.Request.Protocol == "HTTP/2" ? " (HTTP/2)" : string.Empty));
            }

            await next(context);
        });

        // Routing after the log, so a request routing refuses is still seen.
        app.UseRouting();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LoopbackServer(app, address.TrimEnd('/').Replace("[::1]", "127.0.0.1", StringComparison.Ordinal), certificate);
        return server;
    }

    /// <summary>Web options for a test: loopback only (no test ever reaches another address, nor sends a DNS query), short timeouts, this server's certificate trusted.</summary>
    public WebOptions Options(WebOptions? options = null) => (options ?? new WebOptions { Timeout = TimeSpan.FromSeconds(5), TimeBudget = TimeSpan.FromSeconds(60) }) with
    {
        AllowAddress = IPAddress.IsLoopback,
        ServerCertificateValidation = Certificate is null ? null : (_, cert, _, _) => cert is not null && cert.GetCertHashString() == Certificate.GetCertHashString(),
    };

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate?.Dispose();
    }
}
