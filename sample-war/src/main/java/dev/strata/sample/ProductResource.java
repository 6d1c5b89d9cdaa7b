package dev.strata.sample;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code /api/products}: read, change, delete and bulk-import products; read stock levels. */
@Path("/products")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {

  @Inject
  ProductCatalog catalog;

  @Inject
  CatalogDatabase database;

  @GET
  @Path("/{id}")
  public Product get(@PathParam("id") long id) {
    long started = System.nanoTime();
    long databaseBefore = DatabaseTime.nanos();
    Product product = catalog.find(id);
    DatabaseTime.cacheSince(started, databaseBefore);
    if (product == null) {
      throw new NotFoundException("No product " + id);
    }
    return product;
  }

  @PUT
  @Path("/{id}")
  public Product update(@PathParam("id") long id, ProductUpdate update) {
    if (update == null || update.name() == null || update.name().isBlank() || update.price() == null || update.price().signum() < 0) {
      throw new BadRequestException("Send {\"name\": \"...\", \"price\": 12.50} with a name and a non-negative price");
    }
    Product current = get(id);
    Product changed = new Product(id, update.name(), update.price(), current.reviews(), current.rating());
    catalog.store(id, changed);
    return changed;
  }

  @DELETE
  @Path("/{id}")
  public Map<String, Object> delete(@PathParam("id") long id) {
    if (!catalog.delete(id)) {
      throw new NotFoundException("No product " + id);
    }
    return Map.of("deleted", id);
  }

  @POST
  @Path("/import")
  public Map<String, Object> importProducts(List<ProductUpdate> products) {
    if (products == null || products.stream().anyMatch(p -> p.id() == null || p.name() == null || p.price() == null)) {
      throw new BadRequestException("Send a JSON array of {\"id\": 1, \"name\": \"...\", \"price\": 12.50}");
    }
    return Map.of("imported", catalog.importProducts(products));
  }

  @GET
  @Path("/{id}/stock")
  public Map<String, Object> stock(@PathParam("id") long id) {
    Integer stock = catalog.stock(id);
    if (stock == null) {
      throw new NotFoundException("No product " + id);
    }
    return Map.of("id", id, "stock", stock);
  }

  /**
   * Sets the stock as the warehouse system would, straight in the database and not through the
   * cache: readers see it once the {@code stock} cache's TTL has passed.
   */
  @PUT
  @Path("/{id}/stock")
  public Map<String, Object> warehouseStock(@PathParam("id") long id, Map<String, Integer> body) {
    Integer stock = body == null ? null : body.get("stock");
    if (stock == null || stock < 0) {
      throw new BadRequestException("Send {\"stock\": 42}");
    }
    if (!database.setStock(id, stock)) {
      throw new NotFoundException("No product " + id);
    }
    return Map.of("id", id, "stock", stock);
  }
}
