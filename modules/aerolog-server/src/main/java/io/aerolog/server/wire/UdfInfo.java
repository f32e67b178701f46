package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.udf.ModuleCheck;
import io.aerolog.core.udf.UdfLimits;
import io.aerolog.core.udf.UdfModule;
import io.aerolog.server.udf.UdfModules;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The UDF info commands as Aerospike's server answers them ({@code udf_cask.c}): {@code udf-put} (checked,
 * compiled and its top level run as the server's {@code validate}, then appended to the cluster's module
 * topic; {@code ok} once this node has read it back), {@code udf-get} ({@code type=LUA;content=<base64>;}),
 * {@code udf-list} ({@code filename=<f>,hash=<sha1>,type=LUA;} per module) and {@code udf-remove}. Put and
 * remove wait for the topic (bounded, {@value #WAIT_SECONDS} s, then {@code error=timeout} as the server's),
 * so they are answered off the event loops ({@link #waits}).
 */
final class UdfInfo {
    static final int WAIT_SECONDS = 10;
    /** The server's buffer for a file name (MAX_FILE_NAME_SZ). */
    private static final int FILE_NAME_BUFFER = 128;

    private final UdfModules modules;

    UdfInfo(UdfModules modules) {
        this.modules = modules;
    }

    /** Whether an info request has a command that waits for the module topic. */
    static boolean waits(String request) {
        return request.startsWith("udf-put") || request.startsWith("udf-remove") || request.contains("\nudf-put")
                || request.contains("\nudf-remove");
    }

    void list(String params, InfoText out) {
        StringBuilder s = new StringBuilder();
        for (UdfModule m : modules.list()) {
            s.append("filename=").append(m.name()).append(",hash=").append(m.hash()).append(",type=")
                    .append(UdfModule.TYPE).append(';');
        }
        out.text(s.toString());
    }

    void get(String params, InfoText out) {
        InfoParams.Param file = new InfoParams(params).get("filename", FILE_NAME_BUFFER);
        if (file.found() != InfoParams.Found.OK || file.value().isEmpty()) {
            out.text("error=invalid_filename");
            return;
        }
        Optional<UdfModule> m = modules.get(file.value());
        if (m.isEmpty()) {
            out.text("error=not_found");
        } else if (m.get().content().length == 0) {
            out.text("error=empty");
        } else {
            out.text("type=" + UdfModule.TYPE + ";content=" + m.get().content64() + ";");
        }
    }

    void put(String params, InfoText out) {
        InfoParams p = new InfoParams(params);
        InfoParams.Param file = p.get("filename", FILE_NAME_BUFFER);
        if (file.found() != InfoParams.Found.OK || file.value().isEmpty()) {
            out.text("error=invalid_filename");
            return;
        }
        String name = file.value();
        int dot = name.indexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            out.text("error=invalid_filename");
            return;
        }
        InfoParams.Param len = p.get("content-len", 11);
        if (len.found() != InfoParams.Found.OK || !len.value().matches("[0-9]{1,10}")
                || Long.parseLong(len.value()) % 4 != 0) {
            out.text("error=invalid_content_len");
            return;
        }
        InfoParams.Param type = p.get("udf-type", 16);
        if (type.found() == InfoParams.Found.TOO_LONG
                || type.found() == InfoParams.Found.OK && !type.value().equals(UdfModule.TYPE)) {
            out.text("error=invalid_udf_type");
            return;
        }
        long contentLen = Long.parseLong(len.value());
        InfoParams.Param content = p.get("content", (int) Math.min(Integer.MAX_VALUE, contentLen + 1));
        if (content.found() != InfoParams.Found.OK || content.value().length() != contentLen) {
            out.text("error=invalid_content");
            return;
        }
        if (contentLen / 4 * 3 > UdfLimits.MAX_MODULE_BYTES) {
            out.text("error=invalid_udf_content_len,>1M");
            return;
        }
        byte[] source;
        try {
            source = Base64.getDecoder().decode(content.value());
        } catch (IllegalArgumentException e) {
            out.text("error=invalid_base64_content");
            return;
        }
        UdfModule module;
        try {
            module = UdfModule.of(name, source);
        } catch (AerologException e) {
            out.text("error=invalid_filename");
            return;
        }
        Optional<ModuleCheck.Error> error = ModuleCheck.check(module, System.currentTimeMillis());
        if (error.isPresent()) {
            ModuleCheck.Error e = error.get();
            out.text("error=compile_error;file=" + e.file() + ";line=" + e.line() + ";message="
                    + Base64.getEncoder().encodeToString(e.message().getBytes(StandardCharsets.UTF_8)));
            return;
        }
        out.text(await(modules.put(module)) ? "ok" : "error=timeout");
    }

    void remove(String params, InfoText out) {
        InfoParams.Param file = new InfoParams(params).get("filename", FILE_NAME_BUFFER);
        if (file.found() != InfoParams.Found.OK || file.value().isEmpty()) {
            out.text("error=invalid_filename");
            return;
        }
        out.text(await(modules.remove(file.value())) ? "ok" : "error=timeout");
    }

    private static boolean await(Future<Void> change) {
        try {
            change.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
