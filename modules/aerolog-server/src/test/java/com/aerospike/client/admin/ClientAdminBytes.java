package com.aerospike.client.admin;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Aerospike's Java client's own admin codec, for tests: the bytes its {@code AdminCommand} writes for a
 * command (its private field writers, reached by reflection, so that the bytes are the client's and not a
 * copy), and its parsers of the user and role query answers (run over the frames a node answered, as its
 * {@code readBlocks} does).
 */
public final class ClientAdminBytes {
    private ClientAdminBytes() {
    }

    /** A request the client writes: a command, then fields given as (id, value) pairs (String, byte[], Integer, role or privilege lists). */
    public static byte[] request(int command, Object... fields) throws ReflectiveOperationException {
        AdminCommand c = new AdminCommand();
        c.writeHeader((byte) command, fields.length / 2);
        for (int i = 0; i < fields.length; i += 2) {
            byte id = ((Number) fields[i]).byteValue();
            Object v = fields[i + 1];
            if (v instanceof String s) {
                call(c, "writeField", new Class<?>[] {byte.class, String.class}, id, s);
            } else if (v instanceof byte[] b) {
                c.writeField(id, b);
            } else if (v instanceof Integer n) {
                call(c, "writeField", new Class<?>[] {byte.class, int.class}, id, n);
            } else if (v instanceof List<?> list && (list.isEmpty() || list.get(0) instanceof String)) {
                call(c, "writeRoles", new Class<?>[] {List.class}, list);
            } else if (v instanceof List<?> list) {
                call(c, "writePrivileges", new Class<?>[] {List.class}, list);
            } else {
                throw new IllegalArgumentException("field value " + v);
            }
        }
        c.writeSize();
        return Arrays.copyOf(c.dataBuffer, c.dataOffset);
    }

    private static void call(Object target, String name, Class<?>[] types, Object... args)
            throws ReflectiveOperationException {
        Method m = AdminCommand.class.getDeclaredMethod(name, types);
        m.setAccessible(true);
        m.invoke(target, args);
    }

    /** The users the client reads from {@code frames}; the status it ends with in {@code status[0]}. */
    @SuppressWarnings("unchecked")
    public static List<User> users(byte[] frames, int[] status) throws ReflectiveOperationException {
        AdminCommand.UserCommand c = new AdminCommand.UserCommand(16);
        status[0] = blocks(c, frames);
        Field list = AdminCommand.UserCommand.class.getDeclaredField("list");
        list.setAccessible(true);
        return (List<User>) list.get(c);
    }

    /** The roles the client reads from {@code frames}; the status it ends with in {@code status[0]}. */
    @SuppressWarnings("unchecked")
    public static List<Role> roles(byte[] frames, int[] status) throws ReflectiveOperationException {
        AdminCommand.RoleCommand c = new AdminCommand.RoleCommand(16);
        status[0] = blocks(c, frames);
        Field list = AdminCommand.RoleCommand.class.getDeclaredField("list");
        list.setAccessible(true);
        return (List<Role>) list.get(c);
    }

    private static int blocks(AdminCommand c, byte[] frames) {
        ByteBuffer in = ByteBuffer.wrap(frames);
        int status = 0;
        while (status == 0 && in.remaining() >= 8) {
            int size = (int) (in.getLong() & 0xFFFFFFFFFFFFL);
            byte[] block = new byte[Math.max(size, 8192)];
            in.get(block, 0, size);
            c.dataBuffer = block;
            status = c.parseBlock(size);
        }
        return status;
    }
}
