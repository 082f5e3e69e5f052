package dev.lookalike.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/** Registers routes with Javalin and remembers them, so the OpenAPI description can be checked against them. */
final class RouteTable {

    private final RoutesConfig routes;
    private final List<String> registered = new ArrayList<>();

    RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    void get(String path, Handler handler) {
        routes.get(path, handler);
        registered.add("GET " + path);
    }

    void post(String path, Handler handler) {
        routes.post(path, handler);
        registered.add("POST " + path);
    }

    /** Every route as {@code METHOD /path}, in registration order. */
    List<String> registered() {
        return List.copyOf(registered);
    }
}
