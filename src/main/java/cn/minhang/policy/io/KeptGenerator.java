package cn.minhang.policy.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A UTF-8 generator a thread keeps from one document to the next, with the stream it writes into: making a
 * generator again for every decision line or input hash of a batch cost more than any field of it. The documents
 * follow one another as root values with nothing between them; each {@link #write} flushes its document into
 * the stream, and a generator that threw inside a document is dropped, never used again.
 *
 * @param out       the stream the generator writes into (a line buffer, a digest)
 * @param generator the generator
 */
record KeptGenerator<S extends OutputStream>(S out, JsonGenerator generator) {

    /** What writes one document onto a generator. */
    interface Document {
        void writeTo(JsonGenerator g) throws IOException;
    }

    /** One generator per thread from {@code factory}, writing into a stream of its own from {@code out}. */
    static <S extends OutputStream> ThreadLocal<KeptGenerator<S>> perThread(JsonFactory factory, Supplier<S> out) {
        return ThreadLocal.withInitial(() -> {
            S stream = out.get();
            try {
                JsonGenerator generator = factory.createGenerator(stream, JsonEncoding.UTF8);
                generator.setRootValueSeparator(null);
                return new KeptGenerator<>(stream, generator);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Writes {@code document} with the calling thread's generator and flushes it; the thread's kept generator. */
    static <S extends OutputStream> KeptGenerator<S> write(ThreadLocal<KeptGenerator<S>> kept, Document document) {
        KeptGenerator<S> mine = kept.get();
        try {
            document.writeTo(mine.generator());
            mine.generator().flush();
        } catch (IOException | RuntimeException e) {
            kept.remove();  // a generator left inside a document, a stream with part of one: not used again
            throw e instanceof IOException io ? new IllegalStateException(io) : (RuntimeException) e;
        }
        return mine;
    }
}
