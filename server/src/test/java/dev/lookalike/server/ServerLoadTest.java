package dev.lookalike.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookalike.search.SearchResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Eight clients searching at once, fifty times each: every answer is the library's answer for that query. */
class ServerLoadTest {

    private static final int CLIENTS = 8;
    private static final int SEARCHES = 50;
    private static final int K = 5;

    @Test
    void concurrentClientsAllGetCorrectAnswers() throws Exception {
        TestIndex fixture = TestIndex.get();
        List<Path> queries = new ArrayList<>();
        List<SearchResults> expected = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            queries.add(TestIndex.outsidePhoto(i));
            expected.add(fixture.directSearch(queries.get(i), K));
        }
        try (LookalikeServer server = fixture.start(ServerConfig.local(0));
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    Http http = new Http(server.uri());
                    for (int s = 0; s < SEARCHES; s++) {
                        // Each client cycles through every query, so different images are in flight at once.
                        int q = (client + s) % CLIENTS;
                        Http.Response response = http.postMultipart(
                                "api/search",
                                Map.of("image", ServerApiTest.file(queries.get(q)), "k", Integer.toString(K)));
                        assertEquals(200, response.status(), response::toString);
                        JsonNode results = response.json().get("results");
                        ServerApiTest.assertSameHits(expected.get(q), results);
                    }
                    return SEARCHES;
                }));
            }
            int answered = 0;
            for (Future<Integer> client : done) {
                answered += client.get();
            }
            assertEquals(CLIENTS * SEARCHES, answered);
        }
    }
}
