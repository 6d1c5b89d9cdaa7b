package dev.strata.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.hibernate.model.Author;
import dev.strata.hibernate.model.Book;
import dev.strata.hibernate.model.Genre;
import dev.strata.cache.CachePolicy;
import dev.strata.cache.StrataCache;
import dev.strata.cache.spi.StrataCachingProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hibernate's second-level cache on Strata in one JVM, every region kind: entities (READ_WRITE and
 * NONSTRICT_READ_WRITE), a collection, a natural id and the query cache with its timestamps.
 * Strata is configured as Hibernate documents a JCache provider, and nothing else is set.
 */
class SecondLevelCacheTest {

  private static Orm orm;
  private static final AtomicLong ISBN = new AtomicLong(1000);

  /** A region's policy, set as any cache's: the region is the Strata cache of the entity's class name. */
  private static final String BOOK_L1_MAX_SIZE = "strata.cache." + Book.class.getName() + ".l1.max-size";
  private static final String BOOK_TTL = "strata.cache." + Book.class.getName() + ".ttl";

  @BeforeAll
  static void start() {
    System.setProperty(BOOK_L1_MAX_SIZE, "4321");
    System.setProperty(BOOK_TTL, "PT10M");
    orm = new Orm("jdbc:h2:mem:single;DB_CLOSE_DELAY=-1", "create-drop");
  }

  @AfterAll
  static void stop() {
    orm.close();
    System.clearProperty(BOOK_L1_MAX_SIZE);
    System.clearProperty(BOOK_TTL);
  }

  @Test
  void region_policy_isSetWithTheStrataKeysOfItsName() {
    book(author("Atwood"), "Surfacing");
    CachingProvider provider = Caching.getCachingProvider(StrataCachingProvider.class.getName());
    Cache<?, ?> region = provider.getCacheManager().getCache(Book.class.getName());

    CachePolicy policy = region.unwrap(StrataCache.class).statistics().policy();

    assertThat(policy.l1MaxSize()).isEqualTo(4321);
    assertThat(policy.ttl()).isEqualTo(Duration.ofMinutes(10));
  }

  private static Long author(String name) {
    return orm.read(s -> {
      Author author = new Author(name, Genre.NOVEL, LocalDate.of(1947, 9, 21));
      s.persist(author);
      return author.getId();
    });
  }

  private static Long book(Long authorId, String title) {
    return orm.read(s -> {
      Book book = new Book("isbn-" + ISBN.incrementAndGet(), title, new BigDecimal("12.50"), s.getReference(Author.class, authorId));
      s.persist(book);
      return book.getId();
    });
  }

  @Test
  void entity_readWriteRegion_secondLoadRunsNoSql() {
    Long id = author("Le Guin");
    orm.read(s -> s.find(Author.class, id));
    long sql = orm.sql();
    long hits = orm.statistics().getSecondLevelCacheHitCount();

    Author again = orm.read(s -> s.find(Author.class, id));

    assertThat(again.getName()).isEqualTo("Le Guin");
    assertThat(again.getGenre()).isEqualTo(Genre.NOVEL);
    assertThat(again.getBorn()).isEqualTo(LocalDate.of(1947, 9, 21));
    assertThat(orm.sql()).as("statements for a cached entity").isEqualTo(sql);
    assertThat(orm.statistics().getSecondLevelCacheHitCount()).isGreaterThan(hits);
  }

  @Test
  void entity_nonstrictRegion_secondLoadRunsNoSql() {
    Long id = book(author("Borges"), "Ficciones");
    orm.read(s -> s.find(Book.class, id));
    long sql = orm.sql();

    Book again = orm.read(s -> s.find(Book.class, id));

    assertThat(again.getTitle()).isEqualTo("Ficciones");
    assertThat(again.getPrice()).isEqualByComparingTo("12.50");
    assertThat(orm.sql()).isEqualTo(sql);
  }

  @Test
  void entity_updated_nextLoadSeesTheNewValue() {
    Long authorId = author("Calvino");
    Long bookId = book(authorId, "Cosmicomics");
    orm.read(s -> s.find(Author.class, authorId));
    orm.read(s -> s.find(Book.class, bookId));

    orm.write(s -> s.find(Author.class, authorId).setName("Italo Calvino"));
    orm.write(s -> s.find(Book.class, bookId).setTitle("Le cosmicomiche"));

    String name = orm.read(s -> s.find(Author.class, authorId).getName());
    String title = orm.read(s -> s.find(Book.class, bookId).getTitle());
    assertThat(name).isEqualTo("Italo Calvino");
    assertThat(title).isEqualTo("Le cosmicomiche");
  }

  @Test
  void entity_deleted_nextLoadFindsNothing() {
    Long authorId = author("Pessoa");
    Long bookId = book(authorId, "Mensagem");
    orm.read(s -> s.find(Book.class, bookId));

    orm.write(s -> s.remove(s.find(Book.class, bookId)));

    Book gone = orm.read(s -> s.find(Book.class, bookId));
    assertThat(gone).isNull();
  }

  @Test
  void entity_updateRolledBack_nothingStaleIsServed() {
    Long authorId = author("Woolf");
    Long bookId = book(authorId, "Orlando");
    orm.read(s -> s.find(Author.class, authorId));
    orm.read(s -> s.find(Book.class, bookId));

    orm.rollback(s -> {
      s.find(Author.class, authorId).setName("not committed");
      s.find(Book.class, bookId).setTitle("not committed");
    });

    String name = orm.read(s -> s.find(Author.class, authorId).getName());
    String title = orm.read(s -> s.find(Book.class, bookId).getTitle());
    assertThat(name).isEqualTo("Woolf");
    assertThat(title).isEqualTo("Orlando");
  }

  @Test
  void collection_secondLoadRunsNoSql() {
    Long authorId = author("Eco");
    book(authorId, "Il nome della rosa");
    book(authorId, "Il pendolo di Foucault");
    orm.read(s -> s.find(Author.class, authorId).getBooks().stream().map(Book::getTitle).toList());
    long sql = orm.sql();
    long collectionHits = orm.statistics().getCollectionStatistics(Author.class.getName() + ".books").getCacheHitCount();

    List<String> titles = orm.read(s -> s.find(Author.class, authorId).getBooks().stream().map(Book::getTitle).toList());

    assertThat(titles).containsExactly("Il nome della rosa", "Il pendolo di Foucault");
    assertThat(orm.sql()).isEqualTo(sql);
    assertThat(orm.statistics().getCollectionStatistics(Author.class.getName() + ".books").getCacheHitCount())
        .isGreaterThan(collectionHits);
  }

  @Test
  void collection_elementAdded_nextLoadSeesIt() {
    Long authorId = author("Morrison");
    book(authorId, "Beloved");
    orm.read(s -> s.find(Author.class, authorId).getBooks().size());

    orm.write(s -> {
      Author author = s.find(Author.class, authorId);
      Book book = new Book("isbn-" + ISBN.incrementAndGet(), "Jazz", BigDecimal.ONE, author);
      s.persist(book);
      author.getBooks().add(book);
    });

    List<String> titles = orm.read(s -> s.find(Author.class, authorId).getBooks().stream().map(Book::getTitle).toList());
    assertThat(titles).containsExactly("Beloved", "Jazz");
  }

  @Test
  void naturalId_secondLoadRunsNoSql() {
    Long bookId = book(author("Lem"), "Solaris");
    String isbn = orm.read(s -> s.find(Book.class, bookId).getIsbn());
    orm.read(s -> s.bySimpleNaturalId(Book.class).load(isbn));
    long sql = orm.sql();
    long hits = orm.statistics().getNaturalIdCacheHitCount();

    Book again = orm.read(s -> s.bySimpleNaturalId(Book.class).load(isbn));

    assertThat(again.getId()).isEqualTo(bookId);
    assertThat(orm.sql()).isEqualTo(sql);
    assertThat(orm.statistics().getNaturalIdCacheHitCount()).isGreaterThan(hits);
  }

  @Test
  void query_secondRunIsAHit_andAnInsertInvalidatesIt() {
    Long authorId = author("Saramago");
    book(authorId, "Ensaio sobre a cegueira");
    Queries.titlesBy(orm, authorId);
    long sql = orm.sql();
    long queryHits = orm.statistics().getQueryCacheHitCount();

    assertThat(Queries.titlesBy(orm, authorId)).containsExactly("Ensaio sobre a cegueira");
    assertThat(orm.sql()).as("statements for a cached query").isEqualTo(sql);
    assertThat(orm.statistics().getQueryCacheHitCount()).isEqualTo(queryHits + 1);

    book(authorId, "O Evangelho segundo Jesus Cristo");

    assertThat(Queries.titlesBy(orm, authorId)).containsExactly("Ensaio sobre a cegueira", "O Evangelho segundo Jesus Cristo");
  }
}
