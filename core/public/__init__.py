"""What villagers see without an account: village pages, case pages, reports and QR codes."""
