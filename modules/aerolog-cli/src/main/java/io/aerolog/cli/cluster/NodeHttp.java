package io.aerolog.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerolog.cli.CliFailure;
import io.aerolog.cli.ExitCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** GETs a node's JSON answers ({@code /v1/cluster}, {@code /v1/info}) with a timeout; failures say what to check. */
final class NodeHttp {
    /** The largest answer read. */
    static final int MAX_BODY_CHARS = 32 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final Duration timeout;
    private final String authorization;

    /** {@code authorization}: the Authorization header's value (Basic), or null to send none. */
    NodeHttp(Duration timeout, String authorization) {
        this.timeout = timeout;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** GET http://{hostPort}{path} as JSON. */
    JsonNode get(String hostPort, String path) {
        String url = hostPort.startsWith("http://") || hostPort.startsWith("https://") ? hostPort + path
                : "http://" + hostPort + path;
        HttpResponse<String> r;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new CliFailure(ExitCode.TIMEOUT, url + " did not answer within " + timeout.toMillis()
                    + " ms; a longer --timeout may help", e);
        } catch (ConnectException e) {
            throw new CliFailure(ExitCode.CANNOT_CONNECT, "cannot connect to " + url
                    + " (is the node running, and is this its HTTP address? --url http://HOST:PORT)", e);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.CANNOT_CONNECT, "GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.TIMEOUT, "interrupted while asking " + url, e);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, "not a usable address: " + url, e);
        }
        if (r.body().length() > MAX_BODY_CHARS) {
            throw new CliFailure(ExitCode.REFUSED, url + " answered over " + MAX_BODY_CHARS + " characters");
        }
        if (r.statusCode() == 401) {
            throw new CliFailure(ExitCode.REFUSED, "GET " + url + " answered 401: the node has access control on; "
                    + "log in with -U USER and -P PASSWORD (or " + io.aerolog.cli.Credentials.PASSWORD_VARIABLE + ")");
        }
        if (r.statusCode() != 200) {
            throw new CliFailure(ExitCode.REFUSED, "GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new CliFailure(ExitCode.REFUSED, url + " did not answer JSON: is it an Aerolog node's HTTP port?", e);
        }
    }
}
