package content

// EditLoads tells how many loads of c started from the last tree.
func EditLoads(c *Cache) int { return c.editLoads }
