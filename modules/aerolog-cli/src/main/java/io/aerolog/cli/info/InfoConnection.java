package io.aerolog.cli.info;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import io.aerolog.cli.AerospikeConnection;
import io.aerolog.cli.AerospikeFailures;
import io.aerolog.cli.CliFailure;
import io.aerolog.cli.ExitCode;
import io.aerolog.cli.NodeOptions;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Aerospike's info protocol to one node, as asinfo speaks it: an 8-byte header (version 2, type 1,
 * 48-bit length) then the names, one a line; the answer is {@code name<TAB>value} lines in the order
 * asked (an empty request gets the node's summary). Bounded: the answer is read only up to
 * {@link #MAX_ANSWER_BYTES}, and connect and read each have the timeout given.
 */
public final class InfoConnection {
    /** The largest answer read. */
    public static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;
    private static final long VERSION = 2;
    private static final long TYPE_INFO = 1;

    /** One answered name and its value, as the node wrote them. */
    public record Entry(String name, String value) {
        public boolean isError() {
            return value.startsWith("ERROR") || value.startsWith("FAIL");
        }
    }

    private InfoConnection() {
    }

    /**
     * Asks {@code names} (none: the node's summary) of the node {@code options} names, logging in first when it
     * names a user (through Aerospike's client: a node with access control answers no one else), and returns
     * the answers in the order asked (a logged-in summary: by name).
     */
    public static List<Entry> request(NodeOptions options, List<String> names) {
        if (!options.credentials.present()) {
            return request(options.host, options.port, options.timeoutMillis, names);
        }
        try (AerospikeClient client = AerospikeConnection.open(options, 1)) {
            Node target = java.util.Arrays.stream(client.getNodes())
                    .filter(n -> n.getHost().port == options.port && n.getHost().name.equals(options.host))
                    .findFirst().orElse(client.getNodes()[0]);
            Map<String, String> answered = names.isEmpty() ? Info.request(client.getInfoPolicyDefault(), target)
                    : Info.request(client.getInfoPolicyDefault(), target, names.toArray(String[]::new));
            List<Entry> out = new java.util.ArrayList<>();
            if (names.isEmpty()) {
                new java.util.TreeMap<>(answered).forEach((k, v) -> out.add(new Entry(k, v)));
            } else {
                names.forEach(n -> out.add(new Entry(n, answered.getOrDefault(n, ""))));
            }
            return out;
        } catch (AerospikeException e) {
            throw AerospikeFailures.of(e, options.target());
        }
    }

    /** Asks {@code names} (none: the node's summary) of host:port and returns the answers in order. */
    public static List<Entry> request(String host, int port, int timeoutMillis, List<String> names) {
        String target = host + ":" + port;
        StringBuilder body = new StringBuilder();
        for (String name : names) {
            if (name.indexOf('\n') >= 0) {
                throw new CliFailure(ExitCode.USAGE, "an info command cannot hold a line break: " + name);
            }
            body.append(name).append('\n');
        }
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        byte[] answer;
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            } catch (IOException e) {
                throw new CliFailure(ExitCode.CANNOT_CONNECT, "cannot connect to " + target + ": " + e.getMessage()
                        + " (is the node running, and is this its Aerospike port? -h HOST -p PORT)", e);
            }
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            ByteBuffer header = ByteBuffer.allocate(8);
            header.putLong((VERSION << 56) | (TYPE_INFO << 48) | payload.length);
            out.write(header.array());
            out.write(payload);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            long size = in.readLong();
            long length = size & 0xFFFF_FFFF_FFFFL;
            if ((size >>> 56) != VERSION || ((size >>> 48) & 0xFF) != TYPE_INFO) {
                throw new CliFailure(ExitCode.REFUSED, target + " did not answer with Aerospike's info protocol:"
                        + " is this an Aerospike port?");
            }
            if (length > MAX_ANSWER_BYTES) {
                throw new CliFailure(ExitCode.REFUSED, target + " answered " + length + " bytes, over the "
                        + MAX_ANSWER_BYTES + " this tool reads: ask fewer names at once");
            }
            answer = new byte[(int) length];
            in.readFully(answer);
        } catch (SocketTimeoutException e) {
            throw new CliFailure(ExitCode.TIMEOUT, target + " did not answer within " + timeoutMillis
                    + " ms; a longer --timeout may help", e);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.CANNOT_CONNECT, "the connection to " + target + " failed: " + e.getMessage(),
                    e);
        }
        return parse(new String(answer, StandardCharsets.UTF_8));
    }

    /** {@code name<TAB>value} lines; a line without a tab is a name with an empty value. */
    static List<Entry> parse(String answer) {
        List<Entry> out = new ArrayList<>();
        for (String line : answer.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            out.add(tab < 0 ? new Entry(line, "") : new Entry(line.substring(0, tab), line.substring(tab + 1)));
        }
        return out;
    }
}
