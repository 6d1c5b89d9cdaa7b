package dev.strata.hibernate;

import dev.strata.hibernate.model.Author;
import dev.strata.hibernate.model.Book;
import dev.strata.hibernate.model.Genre;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.hibernate.stat.Statistics;

/**
 * The second JVM of {@link TwoJvmTest}: a session factory on the shared database whose Strata
 * joins the test JVM's Hazelcast cluster (set by system properties). It answers one line per
 * command read from standard input, with the statements and cache hits the command cost, as
 * tab-separated {@code key=value} fields:
 * <ul>
 *   <li>{@code author <id>}: {@code name=<name> sql=<n> hits=<second-level hits>}</li>
 *   <li>{@code titles <authorId>}: {@code titles=<a|b> sql=<n> qhits=<n> qmisses=<n>}</li>
 *   <li>{@code other}: unrelated work (another author, another query), so this JVM's history differs from the test JVM's</li>
 * </ul>
 * Answers start with {@value #PREFIX}; anything else on standard output is noise. Ends at end of input.
 */
public final class Peer {

  static final String PREFIX = "peer> ";

  private Peer() {
  }

  public static void main(String[] args) throws Exception {
    try (Orm orm = new Orm(args[0], "none");
         BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println(PREFIX + "ready");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] command = line.trim().split(" ");
        Statistics stats = orm.statistics();
        long sql = orm.sql();
        long hits = stats.getSecondLevelCacheHitCount();
        long qhits = stats.getQueryCacheHitCount();
        long qmisses = stats.getQueryCacheMissCount();
        String answer = switch (command[0]) {
          case "author" -> {
            Long id = Long.valueOf(command[1]);
            String name = orm.read(s -> s.find(Author.class, id).getName());
            yield "name=" + name + "\tsql=" + (orm.sql() - sql) + "\thits=" + (stats.getSecondLevelCacheHitCount() - hits);
          }
          case "titles" -> {
            List<String> titles = Queries.titlesBy(orm, Long.valueOf(command[1]));
            yield "titles=" + String.join("|", titles) + "\tsql=" + (orm.sql() - sql)
                + "\tqhits=" + (stats.getQueryCacheHitCount() - qhits) + "\tqmisses=" + (stats.getQueryCacheMissCount() - qmisses);
          }
          case "other" -> {
            Long id = orm.read(s -> {
              Author author = new Author("peer", Genre.POETRY, LocalDate.of(1900, 1, 1));
              s.persist(author);
              s.persist(new Book("peer-" + System.nanoTime(), "peer's", BigDecimal.TEN, author));
              return author.getId();
            });
            orm.read(s -> s.find(Author.class, id));
            yield "titles=" + String.join("|", Queries.titlesBy(orm, id));
          }
          default -> "unknown command " + line;
        };
        System.out.println(PREFIX + answer);
      }
    }
  }
}
