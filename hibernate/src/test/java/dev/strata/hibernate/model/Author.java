package dev.strata.hibernate.model;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** A versioned entity in a READ_WRITE region, with a cached collection. */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Author {
  @Id
  @GeneratedValue
  private Long id;

  @Version
  private int version;

  private String name;

  @Enumerated(EnumType.STRING)
  private Genre genre;

  private LocalDate born;

  @OneToMany(mappedBy = "author")
  @OrderBy("id")
  @Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
  private List<Book> books = new ArrayList<>();

  protected Author() {
  }

  public Author(String name, Genre genre, LocalDate born) {
    this.name = name;
    this.genre = genre;
    this.born = born;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Genre getGenre() {
    return genre;
  }

  public LocalDate getBorn() {
    return born;
  }

  public List<Book> getBooks() {
    return books;
  }
}
