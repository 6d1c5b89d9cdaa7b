package dev.strata.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * The load: {@code load.users} virtual users (200), each sending one request after another for
 * {@code load.duration}: 90 % reads and 10 % writes of the sample's products, the product drawn from
 * a Zipf law over {@code load.products} (100,000), to whichever of the two servers is ready (as a
 * load balancer that follows {@code /health/ready} would). {@link LoadRun} starts the servers and the
 * database before, kills one server half-way and starts it again, and checks and reports after.
 * The loop is not cut at the deadline: a request in flight then is answered and recorded, so that
 * the check knows every write a read can return.
 */
public class CatalogLoad extends Simulation {

  private final LoadRun run = new LoadRun(LoadRun.Settings.fromSystemProperties());

  private final ScenarioBuilder catalog = scenario("catalog").during(run.settings().duration(), false).on(
      exec(run::next)
          .doIfEqualsOrElse("#{op}", "read").then(
              exec(http("read").get("#{server}/api/products/#{key}")
                  .check(status().is(200).saveAs("status"), jsonPath("$.name").saveAs("name"))))
          .orElse(
              exec(http("write").put("#{server}/api/products/#{key}")
                  .body(StringBody("{\"name\":\"#{name}\",\"price\":12.50}")).asJson()
                  .check(status().is(200).saveAs("status"))))
          .exec(run::done));

  {
    setUp(catalog.injectOpen(atOnceUsers(run.settings().users())))
        .protocols(http.acceptHeader("application/json").disableWarmUp().disableCaching());
  }

  @Override
  public void before() {
    run.start();
  }

  @Override
  public void after() {
    run.finish();
  }
}
