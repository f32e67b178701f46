package io.aerolog.server;

import com.aerospike.client.admin.AdminCommand;
import com.aerospike.client.admin.ClientAdminBytes;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.net.SocketFactory;

/**
 * One connection to a node's Aerospike port spoken byte by byte, to see exactly what the node answers
 * where Aerospike's client would hide it: the result of a login, of an authentication with a session
 * token, an info answer, the code of a read.
 */
final class RawWire implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** The session token of the last successful login. */
    byte[] token;
    /** The session TTL the last successful login answered, in seconds. */
    int ttl;

    RawWire(int port) throws IOException {
        this(SocketFactory.getDefault(), port);
    }

    RawWire(SocketFactory factory, int port) throws IOException {
        socket = factory.createSocket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends a whole frame and returns the body of the one that answers it. */
    byte[] call(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
        long header = in.readLong();
        byte[] body = new byte[(int) (header & 0xFFFFFFFFFFFFL)];
        in.readFully(body);
        return body;
    }

    /** LOGIN as Aerospike's client sends it; the result code (the token and TTL kept on success). */
    int login(String user, String password) throws Exception {
        byte[] body = call(ClientAdminBytes.request(20, 0, user, 3,
                AdminCommand.hashPassword(password).getBytes(StandardCharsets.UTF_8)));
        int result = body[1] & 0xFF;
        if (result == 0) {
            ByteBuffer b = ByteBuffer.wrap(body);
            int p = 16;
            for (int i = 0; i < (body[3] & 0xFF); i++) {
                int len = b.getInt(p) - 1;
                int id = body[p + 4];
                if (id == 5) {
                    token = Arrays.copyOfRange(body, p + 5, p + 5 + len);
                } else if (id == 6) {
                    ttl = b.getInt(p + 5);
                }
                p += 5 + len;
            }
        }
        return result;
    }

    /** AUTHENTICATE with a session token, as the client does on each new connection; the result code. */
    int authenticate(String user, byte[] sessionToken) throws Exception {
        return call(ClientAdminBytes.request(0, 0, user, 5, sessionToken))[1] & 0xFF;
    }

    /** A security command of (id, value) fields; the result code of its first message. */
    int admin(int command, Object... fields) throws Exception {
        return call(ClientAdminBytes.request(command, fields))[1] & 0xFF;
    }

    /** An info request; its answer's text. */
    String info(String names) throws IOException {
        byte[] request = (names + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + request.length);
        b.putLong((2L << 56) | (1L << 48) | request.length).put(request);
        return new String(call(b.array()), StandardCharsets.UTF_8);
    }

    /** A read of all bins of a key of {@code namespace}/{@code set} (a fixed digest); the result code. */
    int read(String namespace, String set) throws IOException {
        byte[] ns = namespace.getBytes(StandardCharsets.UTF_8);
        byte[] s = set.getBytes(StandardCharsets.UTF_8);
        ByteBuffer msg = ByteBuffer.allocate(22 + 5 + ns.length + 5 + s.length + 5 + 20);
        msg.put((byte) 22).put((byte) 3).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0)
                .putInt(0).putInt(0).putInt(0).putShort((short) 3).putShort((short) 0);
        msg.putInt(ns.length + 1).put((byte) 0).put(ns);
        msg.putInt(s.length + 1).put((byte) 1).put(s);
        msg.putInt(21).put((byte) 4).put(new byte[20]);
        ByteBuffer frame = ByteBuffer.allocate(8 + msg.capacity());
        frame.putLong((2L << 56) | (3L << 48) | msg.capacity()).put(msg.array());
        return call(frame.array())[5] & 0xFF;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
