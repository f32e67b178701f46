package io.aerolog.server.wire;

import io.aerolog.server.jobs.BackgroundJobs;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.udf.UdfModules;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener that speaks Aerospike's wire protocol, so that Aerospike's own clients (and tools built
 * on them) read and write Aerolog namespaces: info requests for cluster discovery, single-record
 * reads, writes, deletes, touches and operate, and batch reads. Reads are served from the local store
 * on the connection's event loop; writes go through the namespace's log like every other write and are
 * answered once applied.
 *
 * <p>Limits (see {@link Settings}): at most {@code maxConnections} connections (past it the listener
 * stops accepting until one closes), each closed after {@code idleTimeout} without traffic; requests
 * in flight bounded by a byte budget for the whole listener; a connection's waiting requests bounded, and
 * a client that does not read its answers stops being read.
 */
public final class WireServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WireServer.class);

    /**
     * How the listener runs: address, the node's name and advertised host for clients, event loop threads,
     * and its limits.
     */
    public record Settings(String host, int port, String advertisedHost, String nodeName, int threads,
                           int maxConnections, Duration idleTimeout, long maxInflightBytes, int maxWaitingRequests,
                           int batchThreads) {
    }

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService batchReads;
    private final ScanPool scans;
    private final Channel channel;
    private final int port;
    private final AtomicInteger connections;

    private WireServer(EventLoopGroup boss, EventLoopGroup workers, ExecutorService batchReads, ScanPool scans,
                       Channel channel, int port, AtomicInteger connections) {
        this.boss = boss;
        this.workers = workers;
        this.batchReads = batchReads;
        this.scans = scans;
        this.channel = channel;
        this.port = port;
        this.connections = connections;
    }

    /**
     * Listens as {@code settings} say. {@code peers} lists the cluster's other nodes (it must answer at
     * once: it is asked on an event loop).
     */
    public static WireServer start(Map<String, NamespaceService> namespaces, Settings settings,
                                   Supplier<List<Peer>> peers, MeterRegistry registry) {
        return start(namespaces, settings, peers, registry, WireSecurity.OFF, null);
    }

    /**
     * Listens as {@code settings} say, with {@code security}: TLS on every connection (a client that does not
     * speak it is closed at its first bytes) and access control; serves the cluster's UDF modules {@code udfs}
     * (null: none).
     */
    public static WireServer start(Map<String, NamespaceService> namespaces, Settings settings,
                                   Supplier<List<Peer>> peers, MeterRegistry registry, WireSecurity security,
                                   UdfModules udfs) {
        return start(namespaces, settings, peers, registry, security, udfs,
                new BackgroundJobs(BackgroundJobs.DEFAULT_MAX_ACTIVE));
    }

    /** As above, running background jobs with the node's {@code jobs} (which HTTP's {@code /v1/execute} shares). */
    public static WireServer start(Map<String, NamespaceService> namespaces, Settings settings,
                                   Supplier<List<Peer>> peers, MeterRegistry registry, WireSecurity security,
                                   UdfModules udfs, BackgroundJobs jobs) {
        if (settings.port() <= 0) {
            throw new IllegalArgumentException("the Aerospike protocol needs a port to listen on, not " + settings.port()
                    + " (clients are told it before any connects)");
        }
        // Linux's epoll directly where Netty's native transport loads: fewer system calls per request than NIO
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        EventLoopGroup workers = epoll ? new EpollEventLoopGroup(settings.threads())
                : new NioEventLoopGroup(settings.threads());
        ThreadPoolExecutor batchReads = new ThreadPoolExecutor(settings.batchThreads(), settings.batchThreads(), 0,
                TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024), daemon("aerolog-wire-batch"));
        ScanPool scans = new ScanPool(Math.max(2, settings.batchThreads()), ScanPool.MAX_SCANS, jobs);
        try {
            int maxFrame = namespaces.values().stream().mapToInt(ns -> ns.config().maxRecordSize()).max().orElse(0)
                    * 2 + 1024 * 1024;
            AtomicInteger connections = new AtomicInteger();
            InfoCommands info = InfoCommands.of(namespaces, settings, peers, connections::get, udfs,
                    security.tls() != null, scans.jobs());
            WireMetrics metrics = new WireMetrics(registry);
            InflightBudget budget = new InflightBudget(settings.maxInflightBytes());
            WireServices services = new WireServices(namespaces, info, metrics, budget, batchReads, scans,
                    new WireServices.Limits(settings.maxWaitingRequests(), maxFrame), udfs);
            Gauge.builder("aerolog.aerospike.connections", connections, AtomicInteger::get)
                    .description("open connections of the Aerospike wire protocol").register(registry);
            Gauge.builder("aerolog.aerospike.inflight.bytes", budget, InflightBudget::used)
                    .description("bytes of Aerospike requests held until answered").register(registry);
            ConnectionCap cap = new ConnectionCap(settings.maxConnections(), connections);
            ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                    .handler(cap)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (security.tls() != null) {
                                ch.pipeline().addLast(security.tls().newHandler(ch.alloc()));
                            }
                            ch.pipeline().addLast(cap.counter(),
                                    new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS),
                                    new IdleCloser(),
                                    new FrameDecoder(maxFrame, budget), new WireHandler(services, security));
                        }
                    });
            Channel channel = bootstrap.bind(settings.host(), settings.port()).syncUninterruptibly().channel();
            cap.listening(channel);
            LOG.info("Aerospike wire protocol on {}:{} (node name {}, {}, at most {} connections, {}, {})", settings.host(),
                    settings.port(), settings.nodeName(), epoll ? "epoll" : "NIO", settings.maxConnections(),
                    security.tls() != null ? "TLS name " + security.tlsName() : "no TLS",
                    security.access() != null ? "access control on" : "access control off");
            return new WireServer(boss, workers, batchReads, scans, channel, settings.port(), connections);
        } catch (RuntimeException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            batchReads.shutdownNow();
            scans.close();
            throw new IllegalStateException("cannot listen for the Aerospike protocol on " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public int port() {
        return port;
    }

    /** Open connections now. */
    public int connections() {
        return connections.get();
    }

    /** Stops accepting, then closes every connection (a write in flight is answered by its log or not at all). */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(100, 2_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        batchReads.shutdownNow();
        scans.close();
    }

    /** Closes a connection that saw no traffic for the idle timeout. */
    private static final class IdleCloser extends ChannelDuplexHandler {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent e && e.state() == IdleState.ALL_IDLE) {
                LOG.debug("closing idle Aerospike connection {}", ctx.channel().remoteAddress());
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }
    }

    /**
     * Counts connections and stops the listener accepting at {@code max} (new ones then wait in the
     * kernel's backlog, costing the process no descriptor) until one closes.
     */
    @ChannelHandler.Sharable
    private static final class ConnectionCap extends ChannelInboundHandlerAdapter {
        private final int max;
        private final AtomicInteger open;
        private volatile Channel listener;

        ConnectionCap(int max, AtomicInteger open) {
            this.max = max;
            this.open = open;
        }

        void listening(Channel channel) {
            this.listener = channel;
        }

        ChannelHandler counter() {
            return new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) throws Exception {
                    int now = open.incrementAndGet();
                    if (now >= max) {
                        accepting(false);
                    }
                    if (now > max) {
                        // accepted in the same batch as the one that reached the cap: refused, as Aerospike does
                        ctx.close();
                        return;
                    }
                    super.channelActive(ctx);
                }

                @Override
                public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                    if (open.decrementAndGet() < max) {
                        accepting(true);
                    }
                    super.channelInactive(ctx);
                }
            };
        }

        private void accepting(boolean on) {
            Channel l = listener;
            if (l != null && l.config().isAutoRead() != on) {
                l.config().setAutoRead(on);
                if (on) {
                    l.read();
                } else {
                    LOG.warn("the Aerospike listener has {} connections, its limit: it accepts no more until one closes",
                            max);
                }
            }
        }
    }
}
