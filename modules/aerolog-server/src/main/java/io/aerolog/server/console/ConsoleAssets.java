package io.aerolog.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web console's static files, read once from the server's jar ({@code /console/} on the class path) so
 * that a node serves its console with no network and nothing else installed. Only the files listed here are
 * served: a request names one of them or is refused, so no path reaches another resource of the jar.
 */
public final class ConsoleAssets {
    /** One file: its bytes and its content type. */
    public record Asset(byte[] body, String contentType) {
    }

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8",
            "uPlot.LICENSE.txt", "text/plain; charset=utf-8");

    private final Map<String, Asset> assets;

    private ConsoleAssets(Map<String, Asset> assets) {
        this.assets = Map.copyOf(assets);
    }

    /** Reads every file of the console; fails when the jar lacks one (a broken build). */
    public static ConsoleAssets load() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        FILES.forEach((name, type) -> {
            try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the console's file " + name + " is missing from the class path");
                }
                assets.put(name, new Asset(in.readAllBytes(), type));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new ConsoleAssets(assets);
    }

    /** The file named {@code name}, or null when the console has none of that name. */
    public Asset get(String name) {
        return name == null ? null : assets.get(name);
    }
}
