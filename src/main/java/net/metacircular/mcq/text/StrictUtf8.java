package net.metacircular.mcq.text;

import net.metacircular.mcq.ServiceException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text that must be UTF-8, decoded strictly. */
public final class StrictUtf8 {

    private StrictUtf8() {
    }

    /**
     * Decodes text that must be UTF-8: a byte sequence that is not UTF-8 is
     * bad input, never silently replaced with U+FFFD.
     *
     * @param source names the bytes in the error, e.g. "request body"
     */
    public static String decode(byte[] bytes, String source) {
        return decode(ByteBuffer.wrap(bytes), source).toString();
    }

    /**
     * Checks that the bytes are UTF-8 without keeping the text: a body that
     * a parser reads from its bytes directly. The ASCII start of the bytes,
     * usually all of them, is checked eight bytes at a time; from the first
     * other byte on the strict decoder checks the rest.
     */
    public static void check(byte[] bytes, String source) {
        int ascii = asciiPrefix(bytes);
        if (ascii < bytes.length) {
            decode(ByteBuffer.wrap(bytes, ascii, bytes.length - ascii), source);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** How many bytes at the start are ASCII; an ASCII byte always ends a UTF-8 sequence. */
    private static int asciiPrefix(byte[] bytes) {
        int i = 0;
        while (i + Long.BYTES <= bytes.length && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
            i += Long.BYTES;
        }
        while (i < bytes.length && bytes[i] >= 0) {
            i++;
        }
        return i;
    }

    private static CharBuffer decode(ByteBuffer bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
        } catch (CharacterCodingException e) {
            throw ServiceException.invalid(source + " is not UTF-8 text; MCQ documents are UTF-8 Markdown");
        }
    }
}
