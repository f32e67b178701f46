package io.aerolog.server.security;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aerospike's security model on this node: users, roles and privileges kept cluster-wide in the security
 * topic, logins and session tokens, the admin commands of Aerospike's clients, HTTP Basic credentials,
 * and the check every request passes (its user's privileges for its namespace and set).
 *
 * <p>Threading. Nothing here blocks a caller's thread: a check reads the current {@link SecurityState}; a
 * credential this node has verified before is recognised by an HMAC at once; verifying a new one (bcrypt,
 * tens of milliseconds) runs on a small pool of verifiers, and admin commands (which wait for Kafka) on
 * one admin thread, both behind bounded queues: past them a login is refused with DEVICE_OVERLOAD.
 * Futures complete on those threads; callers continue on their own.
 */
public final class SecurityService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityService.class);
    /** Logins waiting for a verifier, and admin commands waiting for the admin thread, past which they are refused. */
    static final int VERIFY_QUEUE = 1024;
    static final int ADMIN_QUEUE = 64;

    /**
     * How security runs: how long a session lasts, bcrypt's cost for stored hashes, the first user made when
     * the cluster has none (name, password, roles), the security topic's replication, and how long an
     * admin command may wait for Kafka.
     */
    public record Config(Duration sessionTtl, int passwordCost, String adminUser, String adminPassword,
                         List<String> adminRoles, int replicationFactor, Duration timeout) {
    }

    /** The answer to a security message, and the user the connection is logged in as from now on (null: as before). */
    public record Answer(byte[] frame, String user) {
    }

    private final Config config;
    private final String nodeId;
    private final SecurityTopic topic;
    private final Passwords passwords;
    private final VerifiedCredentials verified = new VerifiedCredentials();
    private final AdminCommands commands;
    private final ThreadPoolExecutor verifiers;
    private final ThreadPoolExecutor admin;
    private final LongSupplier clock;
    private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();

    private SecurityService(Config config, String nodeId, SecurityTopic topic, LongSupplier clock) {
        this.config = config;
        this.nodeId = nodeId;
        this.topic = topic;
        this.clock = clock;
        this.passwords = new Passwords(config.passwordCost());
        this.commands = new AdminCommands(topic, passwords, config.timeout(), this::connections);
        this.verifiers = pool("aerolog-security-verifier", 2, VERIFY_QUEUE);
        this.admin = pool("aerolog-security-admin", 1, ADMIN_QUEUE);
    }

    private static ThreadPoolExecutor pool(String name, int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reads the security topic (creating it where missing), writes the cluster's secret if no node has yet,
     * and the first user from {@code config} if the cluster has none; returns once this node has read it all.
     */
    public static SecurityService start(Config config, String bootstrap, Map<String, String> kafkaProperties,
                                        String cluster, String nodeId) {
        SecurityTopic topic = SecurityTopic.start(bootstrap, kafkaProperties, cluster, nodeId,
                config.replicationFactor(), Duration.ofSeconds(60));
        try {
            SecurityService service = new SecurityService(config, nodeId, topic,
                    () -> System.currentTimeMillis() / 1000);
            service.firstStart();
            return service;
        } catch (RuntimeException e) {
            topic.close();
            throw e;
        }
    }

    private void firstStart() {
        List<SecurityRecords.Entry> entries = new ArrayList<>();
        if (topic.state().secret() == null) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            entries.add(SecurityRecords.secret(secret));
        }
        if (topic.state().userCount() == 0) {
            String name = config.adminUser();
            if (config.adminPassword() == null || config.adminPassword().isEmpty()) {
                throw new IllegalStateException("security is on and the cluster has no user yet: set "
                        + "security.admin.password in the configuration (or the environment variable "
                        + "AEROLOG_ADMIN_PASSWORD) for its first user, " + name);
            }
            if (!AdminCommands.validName(name)) {
                throw new IllegalArgumentException("security.admin.user must be 1 to 63 bytes, not '" + name + "'");
            }
            String id = Long.toHexString(new SecureRandom().nextLong());
            entries.add(SecurityRecords.user(name, id, passwords.store(Passwords.clientHash(config.adminPassword()))));
            for (String role : config.adminRoles()) {
                if (PrivilegeCode.ofRoleName(role) == null) {
                    throw new IllegalArgumentException("security.admin.roles: '" + role + "' is not a predefined role"
                            + " (user-admin, sys-admin, data-admin, udf-admin, sindex-admin, read, read-write,"
                            + " read-write-udf, write, truncate)");
                }
                entries.add(SecurityRecords.grant(name, id, role, ""));
            }
            LOG.info("the cluster has no user yet: created {} with roles {}", name, config.adminRoles());
        }
        topic.write(entries, config.timeout());
    }

    /** The users and roles as this node has read them. */
    public SecurityState state() {
        return topic.state();
    }

    // ---- the wire protocol

    /**
     * Answers one security message (its body after the proto header) of a connection logged in as
     * {@code user} (null when it has not). LOGIN and AUTHENTICATE may come from any connection; every other
     * command needs a logged-in user. Never fails: a refusal is an answer carrying its code.
     */
    public CompletableFuture<Answer> message(String user, byte[] body) {
        AdminMessage m;
        try {
            m = AdminMessage.parse(body);
        } catch (AerologException e) {
            return CompletableFuture.completedFuture(refusal(e));
        }
        return answer(user, m).exceptionally(e -> refusal(asAerolog(e)));
    }

    private CompletableFuture<Answer> answer(String user, AdminMessage m) {
        return switch (m.command()) {
            case AdminMessage.LOGIN -> login(m, true);
            case AdminMessage.AUTHENTICATE -> m.has(AdminMessage.SESSION_TOKEN) ? authenticate(m) : login(m, false);
            default -> {
                if (user == null) {
                    yield CompletableFuture.completedFuture(refusal(new AerologException(ResultCode.NOT_AUTHENTICATED,
                            "log in first")));
                }
                try {
                    yield CompletableFuture.supplyAsync(() -> new Answer(commands.run(user, m), null), admin);
                } catch (RejectedExecutionException e) {
                    yield CompletableFuture.completedFuture(refusal(new AerologException(ResultCode.DEVICE_OVERLOAD,
                            ADMIN_QUEUE + " admin commands wait on this node; retry")));
                }
            }
        };
    }

    private static Answer refusal(AerologException e) {
        LOG.debug("security message refused: {} {}", e.resultCode(), e.getMessage());
        return new Answer(AdminReplies.result(e.resultCode().code() > 0 ? e.resultCode() : ResultCode.SERVER_ERROR),
                null);
    }

    /** A login with a password hash: a session token when {@code withToken}, else (old clients' AUTHENTICATE) none. */
    private CompletableFuture<Answer> login(AdminMessage m, boolean withToken) {
        String name = m.text(AdminMessage.USER);
        if (name == null || m.has(AdminMessage.CLEAR_PASSWORD) || !m.has(AdminMessage.CREDENTIAL)) {
            return CompletableFuture.completedFuture(refusal(new AerologException(
                    ResultCode.SECURITY_SCHEME_NOT_SUPPORTED, "only internal users log in with a password hash here"
                    + " (PKI and external authentication are not served)")));
        }
        String credential = m.text(AdminMessage.CREDENTIAL);
        return verify(name, credential, false).handle((u, e) -> {
            if (e != null) {
                return refusal(asAerolog(e));
            }
            if (!withToken) {
                return new Answer(AdminReplies.result(ResultCode.OK), u.name());
            }
            long ttl = config.sessionTtl().toSeconds();
            byte[] token = Sessions.issue(topic.state().secret(), u, clock.getAsLong() + ttl);
            return new Answer(AdminReplies.login(token, ttl), u.name());
        });
    }

    /** A new connection presenting the session token of a login. */
    private CompletableFuture<Answer> authenticate(AdminMessage m) {
        String name = m.text(AdminMessage.USER);
        SecurityState s = topic.state();
        User u = name == null ? null : s.user(name);
        if (u == null) {
            return CompletableFuture.completedFuture(refusal(new AerologException(name == null
                    ? ResultCode.SECURITY_SCHEME_NOT_SUPPORTED : ResultCode.INVALID_USER, "no user " + name)));
        }
        ResultCode code = Sessions.check(s.secret(), u, m.bytes(AdminMessage.SESSION_TOKEN), clock.getAsLong());
        if (code != ResultCode.OK) {
            return CompletableFuture.completedFuture(refusal(new AerologException(code, "session of " + name)));
        }
        return CompletableFuture.completedFuture(new Answer(AdminReplies.result(ResultCode.OK), name));
    }

    /**
     * The user {@code name} once {@code credential} (a client password hash, or with {@code clear} the password
     * itself) is verified: at once when this node has verified it before, else on a verifier.
     */
    private CompletableFuture<User> verify(String name, String credential, boolean clear) {
        User u = topic.state().user(name);
        if (u == null) {
            return CompletableFuture.failedFuture(new AerologException(ResultCode.INVALID_USER, "no user " + name));
        }
        String kind = clear ? "clear" : "hash";
        if (verified.known(name, u.passwordHash(), kind, credential)) {
            return CompletableFuture.completedFuture(u);
        }
        if (!clear && !Passwords.isClientHash(credential)) {
            return CompletableFuture.failedFuture(new AerologException(ResultCode.INVALID_PASSWORD,
                    "the credential is not a password hash as Aerospike's clients send one"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                String hash = clear ? Passwords.clientHash(credential) : credential;
                if (!Passwords.matches(hash, u.passwordHash())) {
                    throw new AerologException(ResultCode.INVALID_PASSWORD, "wrong password for user " + name);
                }
                verified.remember(name, u.passwordHash(), kind, credential);
                return u;
            }, verifiers);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new AerologException(ResultCode.DEVICE_OVERLOAD, VERIFY_QUEUE
                    + " logins wait to be verified on this node; retry"));
        }
    }

    private static AerologException asAerolog(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof AerologException a ? a : new AerologException(ResultCode.SERVER_ERROR, t.toString());
    }

    // ---- checks

    /**
     * OK when {@code user} may do what {@code needed} (a mask of {@link Permission#bit()}s) asks on
     * {@code namespace} and {@code set}; NOT_AUTHENTICATED when it is null or no longer exists;
     * ROLE_VIOLATION when its roles do not allow it.
     */
    public ResultCode check(String user, long needed, String namespace, String set) {
        if (user == null) {
            return ResultCode.NOT_AUTHENTICATED;
        }
        SecurityState s = topic.state();
        if (s.user(user) == null) {
            return ResultCode.NOT_AUTHENTICATED;
        }
        return s.grants(user).allows(needed, namespace, set) ? ResultCode.OK : ResultCode.ROLE_VIOLATION;
    }

    /**
     * Null when {@code user} may ask the info command of {@code line}; otherwise that command's answer as
     * Aerospike's server refuses it: {@code ERROR:81:role violation - requires permission 'set-config'}, or
     * {@code ERROR:80:not authenticated} for a user that no longer exists. Most commands need only a
     * logged-in connection; those that change the node need what Aerospike's info table says.
     */
    public String infoRefusal(String user, String line) {
        Permission needed = InfoPermissions.required(line);
        if (needed == null) {
            return null;
        }
        String namespace = needed == Permission.TRUNCATE ? InfoPermissions.parameter(line, "namespace") : null;
        String set = namespace == null ? null : InfoPermissions.parameter(line, "set");
        ResultCode code = check(user, needed.bit(), namespace, set);
        return switch (code) {
            case OK -> null;
            case NOT_AUTHENTICATED -> "ERROR:" + code.code() + ":not authenticated";
            default -> "ERROR:" + code.code() + ":role violation - requires permission '"
                    + InfoPermissions.display(needed) + "'";
        };
    }

    /** Counts a connection logged in as {@code user} (shown by the user queries). */
    public void connected(String user) {
        connections.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
    }

    public void disconnected(String user) {
        connections.computeIfPresent(user, (u, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    private int connections(String user) {
        AtomicInteger n = connections.get(user);
        return n == null ? 0 : n.get();
    }

    // ---- HTTP

    /** The user of HTTP Basic credentials once verified; fails with INVALID_USER or INVALID_PASSWORD. */
    public CompletableFuture<String> basic(String user, String password) {
        return verify(user, password, true).thenApply(User::name);
    }

    /**
     * A node-to-node request's signature checked: the user it acts for ("" when the node asks for itself),
     * or null when the header is not a fresh signature of this cluster's.
     */
    public String signed(String header, String method, String pathAndQuery) {
        NodeSignatures.Signed s = NodeSignatures.verify(topic.state().secret(), header, method, pathAndQuery,
                clock.getAsLong());
        return s == null ? null : s.user() == null ? "" : s.user();
    }

    /** The header that signs {@code method pathAndQuery} from this node for {@code user} (null: the node itself). */
    public String sign(String user, String method, String pathAndQuery) {
        return NodeSignatures.sign(topic.state().secret(), nodeId, clock.getAsLong(), user, method, pathAndQuery);
    }

    @Override
    public void close() {
        verifiers.shutdownNow();
        admin.shutdownNow();
        topic.close();
    }
}
