"""Format-free documents: what each output says, built before any format is chosen."""
