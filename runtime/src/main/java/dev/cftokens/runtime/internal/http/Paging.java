package dev.cftokens.runtime.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cftokens.runtime.internal.Background;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy stream over a paged list endpoint: page {@code n + 1} is requested only when the consumer has
 * taken every element of page {@code n} and asks for more. Once the first page says how many pages there
 * are ({@code total_pages}, else {@code total_count}), the pages after it are requested up to {@link
 * #AHEAD} at a time, each on a thread of its own: a 200-token account lists in two round trips instead of
 * four, which is most of what an unchanged run waits for. The end is where {@code result_info} says, else a
 * page shorter than the server's own {@code per_page} (which may be smaller than the {@link #PER_PAGE}
 * asked for: a short page is not a last page by itself), else an empty page. A page that repeats the
 * previous page's ids means the server ignores {@code page}; the stream then fails instead of looping or
 * listing duplicates.
 */
public final class Paging {
    /** Cloudflare's largest page for token lists. */
    public static final int PER_PAGE = 50;

    /** The most pages requested at once, when their number is known. */
    static final int AHEAD = 8;

    private Paging() {}

    /**
     * Every element of every page, fetched lazily, the first pages at once when the caller expects that many.
     *
     * @param <T> the element type
     * @param fetchPage requests page {@code n} (from 1) with {@link #PER_PAGE} entries
     * @param element turns one entry of {@code result} into an element
     * @param expected how many elements the caller expects (a run: the tokens its state records; 0 when unknown); the pages
     *     they fill, up to {@link #AHEAD}, are requested together at first, saving a round trip
     * @return the elements, in page order
     */
    public static <T> Stream<T> stream(
            IntFunction<Envelope> fetchPage, BiFunction<JsonNode, Envelope, T> element, int expected) {
        Iterator<T> pages =
                new PageIterator<>(fetchPage, element, (int) Math.min(AHEAD, (expected + PER_PAGE - 1L) / PER_PAGE));
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static final class PageIterator<T> implements Iterator<T> {
        private final IntFunction<Envelope> fetchPage;
        private final BiFunction<JsonNode, Envelope, T> element;
        private final Deque<T> buffered = new ArrayDeque<>();
        private int fetched; // pages requested so far
        private long seen; // entries received so far
        private List<String> previousIds = List.of();
        private boolean exhausted;
        // How many pages there are, as result_info says (before the first page: as the caller expects); 0 while
        // unknown, when pages are fetched one by one.
        private int knownPages;

        PageIterator(IntFunction<Envelope> fetchPage, BiFunction<JsonNode, Envelope, T> element, int expectedPages) {
            this.fetchPage = fetchPage;
            this.element = element;
            this.knownPages = expectedPages;
        }

        @Override
        public boolean hasNext() {
            while (buffered.isEmpty() && !exhausted) {
                fetchNext();
            }
            return !buffered.isEmpty();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffered.removeFirst();
        }

        private void fetchNext() {
            int first = fetched + 1;
            int last = Math.max(first, Math.min(knownPages, fetched + AHEAD));
            List<Envelope> envelopes = fetch(first, last);
            for (Envelope envelope : envelopes) {
                if (!exhausted) {
                    take(++fetched, envelope);
                }
            }
        }

        /** Pages {@code first} to {@code last}, the first on this thread and the others on threads of their own. */
        private List<Envelope> fetch(int first, int last) {
            List<Background<Envelope>> others = new ArrayList<>();
            for (int page = first + 1; page <= last; page++) {
                int number = page;
                others.add(Background.start("cftokens-page-" + number, () -> fetchPage.apply(number)));
            }
            List<Envelope> envelopes = new ArrayList<>();
            envelopes.add(fetchPage.apply(first));
            others.forEach(page -> envelopes.add(page.join()));
            return envelopes;
        }

        private void take(int page, Envelope envelope) {
            JsonNode result = envelope.result();
            if (!result.isArray()) {
                throw envelope.malformed("\"result\" of a list is not an array");
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode entry : result) {
                ids.add(entry.path("id").asText(""));
            }
            if (!ids.isEmpty() && ids.equals(previousIds)) {
                throw envelope.malformed(
                        "page " + page + " repeats the ids of page " + (page - 1) + " (" + ids.size()
                                + " entries); the server does not seem to honour the page parameter, so the list cannot be completed");
            }
            previousIds = ids;
            for (JsonNode entry : result) {
                buffered.addLast(element.apply(entry, envelope));
            }
            seen += result.size();
            JsonNode info = envelope.resultInfo();
            if (result.size() == 0) {
                exhausted = true;
            } else if (info.path("total_pages").canConvertToLong()
                    && info.path("total_pages").asLong() > 0) {
                knownPages = (int)
                        Math.min(Integer.MAX_VALUE, info.path("total_pages").asLong());
                exhausted = page >= knownPages;
            } else if (info.path("total_count").canConvertToLong() && info.has("total_count")) {
                long total = info.path("total_count").asLong();
                exhausted = seen >= total;
                if (!exhausted && page == 1) {
                    // Full pages of the size this one came in, as many as the count needs.
                    knownPages = (int) Math.min(Integer.MAX_VALUE, (total + result.size() - 1) / result.size());
                }
            } else if (info.path("per_page").canConvertToLong()
                    && info.path("per_page").asLong() > 0) {
                // The server's page size, which may be below the size asked for.
                exhausted = result.size() < info.path("per_page").asLong();
            } else {
                // Nothing says how large a full page is: only an empty page ends the list.
                exhausted = false;
            }
        }
    }
}
