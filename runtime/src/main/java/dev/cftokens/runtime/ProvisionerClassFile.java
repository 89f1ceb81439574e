package dev.cftokens.runtime;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The declaration a generated provisioner's class file carries, read from its constant pool without loading
 * the class (as Spring reads a class's metadata when it scans for components). A generated provisioner
 * extends {@link AbstractTokenProvisioner} and has exactly one string constant: its declaration's JSON, the
 * text block it passes to its superclass. A class of any other shape (a declaration too large for one
 * constant, a hand-written provisioner) yields nothing, and is then loaded and created instead.
 */
final class ProvisionerClassFile {
    private static final int MAGIC = 0xCAFEBABE;
    private static final String SUPERCLASS =
            AbstractTokenProvisioner.class.getName().replace('.', '/');

    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELD_REF = 9;
    private static final int METHOD_REF = 10;
    private static final int INTERFACE_METHOD_REF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    private ProvisionerClassFile() {}

    /**
     * The JSON of the declaration in {@code classFile}, when it is a generated provisioner named {@code
     * binaryName}.
     *
     * @param classFile the class file's bytes
     * @param binaryName the provisioner's binary name, such as {@code com.acme.ReadonlyTokenProvisioner}
     * @return the JSON, or empty when the class is not of the generated shape
     */
    static Optional<String> declarationJson(byte[] classFile, String binaryName) {
        try {
            return read(ByteBuffer.wrap(classFile), binaryName.replace('.', '/'));
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException | IOException e) {
            return Optional.empty(); // not a class file this reader understands: loading the class decides
        }
    }

    private static Optional<String> read(ByteBuffer in, String internalName) throws IOException {
        if (in.getInt() != MAGIC) {
            return Optional.empty();
        }
        in.getShort(); // minor version
        in.getShort(); // major version
        int count = Short.toUnsignedInt(in.getShort());
        // Where each CONSTANT_Utf8 starts: only the three this reader compares are decoded.
        int[] utf8 = new int[count];
        int[] classNames = new int[count];
        int string = 0;
        int strings = 0;
        for (int index = 1; index < count; index++) {
            int tag = Byte.toUnsignedInt(in.get());
            switch (tag) {
                case UTF8 -> {
                    utf8[index] = in.position();
                    skip(in, Short.toUnsignedInt(in.getShort()));
                }
                case CLASS -> classNames[index] = Short.toUnsignedInt(in.getShort());
                case STRING -> {
                    string = Short.toUnsignedInt(in.getShort());
                    strings++;
                }
                case METHOD_TYPE, MODULE, PACKAGE -> skip(in, 2);
                case METHOD_HANDLE -> skip(in, 3);
                case INTEGER,
                        FLOAT,
                        FIELD_REF,
                        METHOD_REF,
                        INTERFACE_METHOD_REF,
                        NAME_AND_TYPE,
                        DYNAMIC,
                        INVOKE_DYNAMIC -> skip(in, 4);
                case LONG, DOUBLE -> {
                    skip(in, 8);
                    index++; // takes two entries
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        in.getShort(); // access flags
        String self = className(in, utf8, classNames, Short.toUnsignedInt(in.getShort()));
        String superclass = className(in, utf8, classNames, Short.toUnsignedInt(in.getShort()));
        if (strings != 1 || !internalName.equals(self) || !SUPERCLASS.equals(superclass)) {
            return Optional.empty();
        }
        return Optional.ofNullable(utf8(in, utf8[string]));
    }

    /**
     * The {@code CONSTANT_Utf8} at {@code position} (two bytes of length, then modified UTF-8, as {@link
     * DataInputStream} reads it), or null when there is none.
     */
    private static String utf8(ByteBuffer in, int position) throws IOException {
        if (position == 0) {
            return null;
        }
        int length = Short.toUnsignedInt(in.getShort(position));
        return new DataInputStream(new ByteArrayInputStream(in.array(), in.arrayOffset() + position, 2 + length))
                .readUTF();
    }

    private static String className(ByteBuffer in, int[] utf8, int[] classNames, int index) throws IOException {
        return index > 0 && index < classNames.length ? utf8(in, utf8[classNames[index]]) : null;
    }

    private static void skip(ByteBuffer in, int bytes) {
        in.position(in.position() + bytes);
    }
}
