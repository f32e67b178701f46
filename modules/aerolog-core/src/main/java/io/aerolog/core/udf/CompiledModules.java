package io.aerolog.core.udf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

/**
 * Modules compiled once per version: the compiled form is immutable and every call makes its own closure of
 * it, so sharing it between threads and calls changes no outcome. Bounded: the least recently used of more
 * than {@value #MAX_MODULES} versions are compiled again when next used.
 */
final class CompiledModules {
    static final int MAX_MODULES = 64;
    /** Where Aerospike's server keeps modules; its errors name a module by this path, and so do Aerolog's. */
    static final String USER_PATH = "/opt/aerospike/usr/udf/lua/";

    private static final Map<String, Prototype> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Prototype> eldest) {
            return size() > MAX_MODULES;
        }
    };

    private CompiledModules() {
    }

    /**
     * The compiled module {@code name} of {@code source} whose version is {@code hash}.
     *
     * @throws LuaError when it does not compile
     */
    static Prototype get(String name, String hash, byte[] source) {
        String key = hash + "/" + name;
        synchronized (CACHE) {
            Prototype p = CACHE.get(key);
            if (p != null) {
                return p;
            }
        }
        Prototype p = compile(source, "@" + USER_PATH + name);
        synchronized (CACHE) {
            CACHE.put(key, p);
        }
        return p;
    }

    /** Compiles {@code source} under {@code chunkname}; a syntax error is a {@link LuaError}. */
    static Prototype compile(byte[] source, String chunkname) {
        try {
            return LuaC.instance.compile(new ByteArrayInputStream(source), chunkname);
        } catch (IOException e) {
            throw new LuaError(e.getMessage());
        }
    }
}
