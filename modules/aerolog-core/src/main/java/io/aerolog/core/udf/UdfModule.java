package io.aerolog.core.udf;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A registered UDF module: its file name (e.g. {@code counter.lua}, which Aerospike's clients execute as
 * package {@code counter}), its Lua source and its version, the hash {@code udf-list} shows. The hash is
 * Aerospike's: the SHA-1, in hex, of the metadata value the server stores for the module,
 * {@code {"content64": <the source in base64>, "type": "LUA", "name": <file name>}} as its JSON library writes it.
 */
public record UdfModule(String name, byte[] content, String hash) {
    /** The only type of module Aerospike serves. */
    public static final String TYPE = "LUA";

    public UdfModule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(hash, "hash");
        content = content.clone();
    }

    /**
     * The module {@code name} of {@code content}, its hash computed.
     *
     * @throws AerologException PARAMETER_ERROR for a name Aerospike would refuse (see {@link #checkName}) or a
     *                          module over {@value UdfLimits#MAX_MODULE_BYTES} bytes
     */
    public static UdfModule of(String name, byte[] content) {
        checkName(name);
        if (content.length > UdfLimits.MAX_MODULE_BYTES) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "module " + name + " has " + content.length
                    + " bytes; Aerospike registers at most " + UdfLimits.MAX_MODULE_BYTES);
        }
        return new UdfModule(name, content, hash(name, content));
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The source as base64, as {@code udf-get} answers it. */
    public String content64() {
        return Base64.getEncoder().encodeToString(content);
    }

    /** The package name clients execute: the file name without its extension. */
    public String packageName() {
        return name.substring(0, name.lastIndexOf('.'));
    }

    /**
     * A module file name as Aerospike's {@code udf-put} takes it: under 128 characters, with an extension (a
     * dot neither first nor last). Aerolog also refuses '/' and control characters (the server would fail to
     * write such a file and never serve it).
     */
    public static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > UdfLimits.MAX_MODULE_NAME_CHARS) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a module name is 1 to "
                    + UdfLimits.MAX_MODULE_NAME_CHARS + " characters, such as counter.lua");
        }
        int dot = name.indexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "module name '" + name
                    + "' needs an extension, such as counter.lua");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c < 32 || c == 127) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "module name '" + name
                        + "' has a '/' or a control character");
            }
        }
    }

    /** Aerospike's hash of module {@code name} with {@code content}, as {@code udf-list} shows it. */
    public static String hash(String name, byte[] content) {
        String json = "{\"content64\": " + jsonString(Base64.getEncoder().encodeToString(content)) + ", \"type\": "
                + jsonString(TYPE) + ", \"name\": " + jsonString(name) + "}";
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON string as the server's JSON library (jansson) writes it without flags: '/' and non-ASCII as they are. */
    private static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UdfModule m && name.equals(m.name) && hash.equals(m.hash);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + hash.hashCode();
    }

    @Override
    public String toString() {
        return "UdfModule[" + name + ", " + content.length + " bytes, hash " + hash + "]";
    }
}
