"""Stage 2, the content plan: one audience's and one country's selection of the knowledge base
(``variants``), then, per product, an ordered outline of sections holding typed blocks
(``outline``), decided by ``layouts/products.yaml``. Pure data: nothing here imports a rendering
library, so what each product shows can be tested, and printed with ``leafdeck plan --outline``,
without drawing anything."""
