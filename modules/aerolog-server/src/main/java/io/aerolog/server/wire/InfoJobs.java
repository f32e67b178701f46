package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.index.CollectionType;
import io.aerolog.core.index.IndexDefinition;
import io.aerolog.core.index.IndexType;
import io.aerolog.protocol.Failures;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.sindex.IndexAdmin;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The info commands that change the cluster and so answer only once the change is done: {@code truncate},
 * {@code truncate-namespace} (answered {@code ok} once every partition removed the records), {@code
 * sindex-create} (once the definition is in the catalog and every partition started the index; its build goes
 * on, {@code sindex/<ns>/<name>} reports it) and {@code sindex-delete}. Their parameters are checked as the
 * server checks them ({@code truncate.c}, {@code sindex_manager.c}), with its answers. Never blocks: each
 * answers a future, which the connection's event loop writes when it completes.
 */
final class InfoJobs {

    private final Map<String, NamespaceService> namespaces;

    InfoJobs(Map<String, NamespaceService> namespaces) {
        this.namespaces = namespaces;
    }

    /** The commands answered here, by name. */
    Map<String, java.util.function.Function<String, CompletableFuture<String>>> commands() {
        return Map.of("truncate", p -> truncate(p, true), "truncate-namespace", p -> truncate(p, false),
                "sindex-create", this::sindexCreate, "sindex-delete", this::sindexDelete);
    }

    private static CompletableFuture<String> now(String answer) {
        return CompletableFuture.completedFuture(answer);
    }

    private static String error(int code, String message) {
        return "ERROR:" + code + ":" + message;
    }

    /** A refusal as the synchronous checks write it (InfoParams), or null when {@code p} is fine. */
    private static String check(InfoParams.Param p, boolean required) {
        StringBuilder sb = new StringBuilder();
        InfoText out = new InfoText(sb);
        boolean ok = required ? InfoParams.required(out, p) : InfoParams.optional(out, p);
        return ok ? null : sb.toString();
    }

    /** {@code truncate:namespace=<ns>;set=<set>[;lut=<ns since 1970>]} and {@code truncate-namespace:namespace=<ns>[;lut=]}. */
    private CompletableFuture<String> truncate(String params, boolean withSet) {
        InfoParams p = new InfoParams(params);
        InfoParams.Param nsParam = p.get(InfoParams.NAMESPACE_BUFFER, "namespace");
        String refused = check(nsParam, true);
        if (refused != null) {
            return now(refused);
        }
        NamespaceService ns = namespaces.get(nsParam.value());
        if (ns == null) {
            return now(error(InfoText.PARAMETER, "namespace not found"));
        }
        String set = "";
        if (withSet) {
            InfoParams.Param setParam = p.get("set", 64);
            refused = check(setParam, true);
            if (refused != null) {
                return now(refused);
            }
            set = setParam.value();
        } else if (p.get("set", 64).found() != InfoParams.Found.ABSENT) {
            return now(error(InfoText.PARAMETER, "unexpected 'set' - use 'truncate' to truncate a set"));
        }
        InfoParams.Param lut = p.get("lut", 24);
        refused = check(lut, false);
        if (refused != null) {
            return now(refused);
        }
        long now = System.currentTimeMillis();
        long before = now;
        if (lut.found() == InfoParams.Found.OK) {
            long nanos;
            try {
                nanos = Long.parseUnsignedLong(lut.value());
            } catch (NumberFormatException e) {
                return now(error(InfoText.PARAMETER, "bad lut"));
            }
            before = nanos / 1_000_000;
            if (before == 0) {
                return now(error(InfoText.PARAMETER, "would truncate to 0"));
            }
            if (before > now) {
                return now(error(InfoText.PARAMETER, "would truncate to the future"));
            }
        }
        return done(IndexAdmin.truncate(ns, set, before));
    }

    /**
     * {@code sindex-create:ns=<ns>[;set=<set>];indexname=<name>[;indextype=list|mapkeys|mapvalues][;context=<b64>]
     * ;indexdata=<bin>,<type>} (or {@code type=<type>;bin=<bin>}).
     */
    private CompletableFuture<String> sindexCreate(String params) {
        InfoParams p = new InfoParams(params);
        IndexOf target = indexOf(p);
        if (target.refusal() != null) {
            return now(target.refusal());
        }
        NamespaceService ns = target.ns();
        InfoParams.Param name = target.name();
        InfoParams.Param itype = p.get("indextype", 16);
        InfoParams.Param set = p.get("set", 64);
        InfoParams.Param context = p.get("context", 4096);
        InfoParams.Param indexData = p.get("indexdata", 64);
        InfoParams.Param type = p.get("type", 16);
        InfoParams.Param bin = p.get("bin", 16);
        InfoParams.Param exp = p.get("exp", 4096);
        for (InfoParams.Param optional : List.of(itype, set, context, indexData, type, bin, exp)) {
            String refused = check(optional, false);
            if (refused != null) {
                return now(refused);
            }
        }
        CollectionType collection = CollectionType.DEFAULT;
        if (itype.found() == InfoParams.Found.OK) {
            switch (itype.value().toLowerCase(Locale.ROOT)) {
                case "default" -> collection = CollectionType.DEFAULT;
                case "list" -> collection = CollectionType.LIST;
                case "mapkeys" -> collection = CollectionType.MAPKEYS;
                case "mapvalues" -> collection = CollectionType.MAPVALUES;
                default -> {
                    return now(error(InfoText.PARAMETER, "bad 'indextype' - must be one of 'default', 'list', 'mapkeys', 'mapvalues'"));
                }
            }
        }
        byte[] ctx = null;
        if (context.found() == InfoParams.Found.OK) {
            try {
                ctx = Base64.getDecoder().decode(context.value());
                io.aerolog.core.codec.MsgPack.unpack(ctx, 0, ctx.length);
            } catch (RuntimeException e) {
                return now(error(InfoText.PARAMETER, "bad 'context'"));
            }
        }
        if (exp.found() == InfoParams.Found.OK) {
            return now(error(InfoText.UNSUPPORTED_FEATURE, "expression indexes ('exp') are not supported"));
        }
        String binName;
        String typeName;
        if (indexData.found() == InfoParams.Found.OK && type.found() == InfoParams.Found.OK) {
            return now(error(InfoText.PARAMETER, "both 'indexdata' and 'type' are specified"));
        } else if (indexData.found() == InfoParams.Found.OK) {
            int comma = indexData.value().indexOf(',');
            if (comma < 0) {
                return now(error(InfoText.PARAMETER, "'indexdata' missing bin type"));
            }
            binName = indexData.value().substring(0, comma);
            typeName = indexData.value().substring(comma + 1);
            if (binName.isEmpty()) {
                return now(error(InfoText.PARAMETER, "'indexdata' missing bin name"));
            }
        } else if (type.found() == InfoParams.Found.OK) {
            if (bin.found() != InfoParams.Found.OK) {
                return now(error(InfoText.PARAMETER, "both 'bin' and 'exp' are missing"));
            }
            binName = bin.value();
            typeName = type.value();
        } else {
            return now(error(InfoText.PARAMETER, "both 'indexdata' and 'type' are missing"));
        }
        if (binName.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 15) {
            return now(error(InfoText.PARAMETER, "'indexdata' bin name too long"));
        }
        IndexType valueType = switch (typeName.toLowerCase(Locale.ROOT)) {
            case "numeric" -> IndexType.NUMERIC;
            case "string" -> IndexType.STRING;
            case "blob" -> IndexType.BLOB;
            case "geo2dsphere" -> IndexType.GEO2DSPHERE;
            default -> null;
        };
        if (valueType == null) {
            return now(error(InfoText.PARAMETER,
                    "bad 'indexdata' bin type - must be one of 'numeric', 'string', 'blob', 'geo2dsphere'"));
        }
        if (collection == CollectionType.MAPKEYS && valueType == IndexType.GEO2DSPHERE) {
            return now(error(InfoText.PARAMETER,
                    "bad 'indexdata' bin type for 'indextype' 'mapkeys' - must be one of 'numeric', 'string', 'blob'"));
        }
        IndexDefinition definition;
        try {
            definition = new IndexDefinition(name.value(), set.found() == InfoParams.Found.OK ? set.value() : "",
                    binName, valueType, collection, ctx);
        } catch (AerologException e) {
            return now(error(InfoText.PARAMETER, e.getMessage()));
        }
        try {
            return done(IndexAdmin.create(ns, definition));
        } catch (AerologException e) {
            return now(error(e.resultCode().code(), e.getMessage()));
        }
    }

    /** {@code sindex-delete:ns=<ns>;indexname=<name>}: {@code ok}, also for an index that does not exist (as the server). */
    private CompletableFuture<String> sindexDelete(String params) {
        InfoParams p = new InfoParams(params);
        IndexOf target = indexOf(p);
        if (target.refusal() != null) {
            return now(target.refusal());
        }
        NamespaceService ns = target.ns();
        InfoParams.Param name = target.name();
        return done(IndexAdmin.drop(ns, name.value()));
    }

    private static CompletableFuture<String> done(CompletableFuture<Void> work) {
        return work.handle((v, e) -> {
            if (e == null) {
                return "ok";
            }
            AerologException a = Failures.of(e, true);
            return error(WireHandler.wireCode(a.resultCode()), a.getMessage().replace('\n', ' ').replace(';', ','));
        });
    }

    /** The index a sindex command names: its name and namespace, or the refusal of either. */
    private record IndexOf(InfoParams.Param name, NamespaceService ns, String refusal) {
    }

    private IndexOf indexOf(InfoParams p) {
        InfoParams.Param name = p.get("indexname", 64);
        String refused = check(name, true);
        if (refused != null) {
            return new IndexOf(name, null, refused);
        }
        InfoParams.Param nsParam = p.get(InfoParams.NAMESPACE_BUFFER, "namespace", "ns");
        refused = check(nsParam, true);
        if (refused != null) {
            return new IndexOf(name, null, refused);
        }
        NamespaceService ns = namespaces.get(nsParam.value());
        return new IndexOf(name, ns, ns == null ? error(InfoText.PARAMETER, "namespace not found") : null);
    }
}
