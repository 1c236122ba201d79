package cn.minhang.policy.io;

/**
 * Checks of UTF-8 bytes before they are parsed. Jackson's byte parser decodes what it meets without refusing every
 * invalid sequence (an overlong form, a surrogate, a code point past U+10FFFF), so bytes are checked first, exactly
 * as strictly as the JDK's decoder: a document must be valid UTF-8 as a whole.
 */
final class Utf8 {
    private Utf8() {
    }

    /** True when {@code bytes} are well-formed UTF-8 (RFC 3629): what the JDK's UTF-8 decoder accepts. */
    static boolean valid(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            if (b >= 0xC2 && b <= 0xDF) {
                if (i + 1 >= n || !continuation(bytes[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (b >= 0xE0 && b <= 0xEF) {
                if (i + 2 >= n) {
                    return false;
                }
                int b1 = bytes[i + 1] & 0xFF;
                // E0 needs A0..BF (no overlong form), ED needs 80..9F (no surrogate)
                int low = b == 0xE0 ? 0xA0 : 0x80;
                int high = b == 0xED ? 0x9F : 0xBF;
                if (b1 < low || b1 > high || !continuation(bytes[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (b >= 0xF0 && b <= 0xF4) {
                if (i + 3 >= n) {
                    return false;
                }
                int b1 = bytes[i + 1] & 0xFF;
                // F0 needs 90..BF (no overlong form), F4 needs 80..8F (at most U+10FFFF)
                int low = b == 0xF0 ? 0x90 : 0x80;
                int high = b == 0xF4 ? 0x8F : 0xBF;
                if (b1 < low || b1 > high || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the document starts with four bytes (or all of it, if shorter) that are ASCII and not zero: then
     * Jackson reads it as UTF-8. From a byte-order mark or zero bytes it would guess UTF-16 or UTF-32.
     */
    static boolean plainStart(byte[] bytes) {
        int n = Math.min(4, bytes.length);
        for (int i = 0; i < n; i++) {
            if (bytes[i] <= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
