package dev.strata.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The catalog's REST API, under {@code /api}. */
@ApplicationPath("/api")
public class CatalogApplication extends Application {
}
