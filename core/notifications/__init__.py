"""In-app notifications (站内通知): who must act next is told in their inbox."""
