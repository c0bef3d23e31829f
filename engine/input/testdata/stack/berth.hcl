backlog "shop" {
  version = "1.0"
}

item "C-6" {
  status = "done"
}

host "shop-vm" {
  compose = ["compose.yaml"]
}
