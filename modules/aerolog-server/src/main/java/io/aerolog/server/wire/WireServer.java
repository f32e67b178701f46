package io.aerolog.server.wire;

import io.aerolog.server.namespace.NamespaceService;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener that speaks Aerospike's wire protocol, so that Aerospike's own clients (and tools built
 * on them) read and write Aerolog namespaces: info requests for cluster discovery, single-record
 * reads, writes, deletes, touches and operate, and batch reads. Reads are served from the local store
 * in the network thread; writes go through the namespace's log like every other write and are
 * answered once applied.
 */
public final class WireServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WireServer.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final int port;

    private WireServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel, int port) {
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
        this.port = port;
    }

    /**
     * Listens on {@code host:port}. {@code advertisedHost} is how clients reach this
     * node; {@code peers} lists the cluster's other nodes (it must answer at once: it is asked in the
     * network thread).
     */
    public static WireServer start(Map<String, NamespaceService> namespaces, String host, int port,
                                   String advertisedHost, String nodeName, int threads, Supplier<List<Peer>> peers,
                                   MeterRegistry registry) {
        if (port <= 0) {
            throw new IllegalArgumentException("the Aerospike protocol needs a port to listen on, not " + port
                    + " (clients are told it before any connects)");
        }
        // Linux's epoll directly where Netty's native transport loads: fewer system calls per request than NIO
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        EventLoopGroup workers = epoll ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
        try {
            int maxFrame = namespaces.values().stream().mapToInt(ns -> ns.config().maxRecordSize()).max().orElse(0)
                    * 2 + 1024 * 1024;
            InfoCommands info = new InfoCommands(namespaces, nodeName, advertisedHost, port, peers);
            WireMetrics metrics = new WireMetrics(registry);
            ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new FrameDecoder(maxFrame), new WireHandler(namespaces, info, metrics));
                        }
                    });
            Channel channel = bootstrap.bind(host, port).syncUninterruptibly().channel();
            LOG.info("Aerospike wire protocol on {}:{} (node name {}, {})", host, port, nodeName, epoll ? "epoll" : "NIO");
            return new WireServer(boss, workers, channel, port);
        } catch (RuntimeException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen for the Aerospike protocol on " + host + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** Stops accepting, then closes every connection (a write in flight is answered by its log or not at all). */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(100, 2_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
