package net.metacircular.mcq.text;

import net.metacircular.mcq.ServiceException;

import java.nio.ByteBuffer;
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
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ServiceException.invalid(source + " is not UTF-8 text; MCQ documents are UTF-8 Markdown");
        }
    }
}
