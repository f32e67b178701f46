package io.aerolog.server.security;

import io.aerolog.core.ResultCode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Security messages as Aerospike's clients read them, each a whole frame (8-byte proto header of version
 * 2 and type 2, then 16-byte messages and their fields): a result alone, a login's session token and
 * TTL, and the answers of the user and role queries, which come as blocks of one message per user or
 * role and end with a message whose result is QUERY_END (50), or with the error that stopped them.
 */
final class AdminReplies {
    static final int QUERY_END = 50;
    /** Bytes of users or roles per frame of a query's answer. */
    static final int BLOCK = 256 * 1024;

    private AdminReplies() {
    }

    /** A frame answering {@code code} and nothing else. */
    static byte[] result(int code) {
        Message m = new Message(code);
        return frame(m.bytes());
    }

    static byte[] result(ResultCode code) {
        return result(code.code());
    }

    /** A login's answer: its session token and the seconds it lasts. */
    static byte[] login(byte[] token, long ttlSeconds) {
        Message m = new Message(0);
        m.field(AdminMessage.SESSION_TOKEN, token);
        m.field(AdminMessage.SESSION_TTL, ByteBuffer.allocate(4).putInt((int) Math.min(ttlSeconds, Integer.MAX_VALUE))
                .array());
        return frame(m.bytes());
    }

    /** The answer to a user query: one message per user, in frames of about {@value #BLOCK} bytes, then QUERY_END. */
    static byte[] users(List<User> users, ToIntFunction<String> connections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (User u : users) {
            Message m = new Message(0);
            m.field(AdminMessage.USER, u.name().getBytes(StandardCharsets.UTF_8));
            m.field(AdminMessage.ROLES, names(u.roles()));
            m.field(AdminMessage.CONNECTIONS, ByteBuffer.allocate(4).putInt(connections.applyAsInt(u.name())).array());
            append(out, block, m.bytes());
        }
        return end(out, block);
    }

    /** The answer to a role query: one message per role, then QUERY_END. */
    static byte[] roles(List<Role> roles) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (Role r : roles) {
            Message m = new Message(0);
            m.field(AdminMessage.ROLE, r.name().getBytes(StandardCharsets.UTF_8));
            m.field(AdminMessage.PRIVILEGES, privileges(r.privileges()));
            append(out, block, m.bytes());
        }
        return end(out, block);
    }

    private static void append(ByteArrayOutputStream out, ByteArrayOutputStream block, byte[] message) {
        if (block.size() > 0 && block.size() + message.length > BLOCK) {
            out.writeBytes(frame(block.toByteArray()));
            block.reset();
        }
        block.writeBytes(message);
    }

    private static byte[] end(ByteArrayOutputStream out, ByteArrayOutputStream block) {
        block.writeBytes(new Message(QUERY_END).bytes());
        out.writeBytes(frame(block.toByteArray()));
        return out.toByteArray();
    }

    private static byte[] names(List<String> names) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(names.size());
        for (String n : names) {
            byte[] utf8 = n.getBytes(StandardCharsets.UTF_8);
            b.write(utf8.length);
            b.writeBytes(utf8);
        }
        return b.toByteArray();
    }

    private static byte[] privileges(List<Privilege> privileges) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(privileges.size());
        for (Privilege p : privileges) {
            b.write(p.code().id());
            if (p.code().scopable()) {
                for (String scope : new String[] {p.namespace(), p.set()}) {
                    byte[] utf8 = scope.getBytes(StandardCharsets.UTF_8);
                    b.write(utf8.length);
                    b.writeBytes(utf8);
                }
            }
        }
        return b.toByteArray();
    }

    /** {@code body} behind a proto header of version 2, type 2 (security). */
    static byte[] frame(byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length);
        b.putLong((2L << 56) | (2L << 48) | body.length);
        b.put(body);
        return b.array();
    }

    /** One 16-byte message header and its fields. */
    private static final class Message {
        private final ByteArrayOutputStream fields = new ByteArrayOutputStream();
        private final int result;
        private int count;

        Message(int result) {
            this.result = result;
        }

        void field(int id, byte[] data) {
            fields.writeBytes(ByteBuffer.allocate(5).putInt(data.length + 1).put((byte) id).array());
            fields.writeBytes(data);
            count++;
        }

        byte[] bytes() {
            ByteBuffer b = ByteBuffer.allocate(AdminMessage.HEADER_SIZE + fields.size());
            b.put((byte) 0).put((byte) result).put((byte) 0).put((byte) count).put(new byte[12]);
            b.put(fields.toByteArray());
            return b.array();
        }
    }
}
