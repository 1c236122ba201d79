package cn.minhang.policy.io;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The JSON form (quoted, escaped, as UTF-8) of the texts that are constants of the rules: rule names, the texts
 * of default readings and of reasons written in the DRL, clause ids, enum names. Every decision repeats them, so a
 * decision line copies their bytes instead of escaping and encoding them again.
 *
 * <p>A constant is recognised as the same {@code String} instance met again (a literal of the rules, a name read
 * once from the rule base), never by its content: a text built for one decision (with its amounts and ids) is a new
 * instance every time and is not kept. The table has a fixed number of places and takes no text longer than
 * {@value #LONGEST} characters, so its memory is bounded whatever the input; after a change of rules the new
 * constants take the places of the old ones. Safe for any number of threads: an entry is immutable, and a place
 * lost to a race only costs one more encoding.
 */
final class ConstantTexts {
    static final int LONGEST = 2048;
    private static final int WAYS = 4;
    private static final int SETS = 512;

    /** Entries by set, {@link #WAYS} places per set. */
    private final Entry[] entries = new Entry[SETS * WAYS];
    /** The last text met in each set that had no entry: met again, it is a constant. */
    private final String[] seen = new String[SETS];

    private record Entry(String text, SerializedString json) {
    }

    /** The serialised form of {@code text} if it is known as a constant, else null (write it as text). */
    SerializableString get(String text) {
        int h = text.hashCode();
        int set = (h ^ (h >>> 16)) & (SETS - 1);
        int first = set * WAYS;
        Entry[] e = entries;
        for (int i = first; i < first + WAYS; i++) {
            Entry entry = e[i];
            if (entry != null && entry.text == text) {
                return entry.json;
            }
        }
        if (seen[set] != text) {
            seen[set] = text;
            return null;
        }
        if (text.length() > LONGEST) {
            return null;
        }
        SerializedString json = new SerializedString(text);
        json.asQuotedUTF8();
        json.asUnquotedUTF8();
        int place = first + ((h >>> 9) & (WAYS - 1));
        for (int i = first; i < first + WAYS; i++) {
            if (e[i] == null) {
                place = i;
                break;
            }
        }
        e[place] = new Entry(text, json);
        return json;
    }
}
